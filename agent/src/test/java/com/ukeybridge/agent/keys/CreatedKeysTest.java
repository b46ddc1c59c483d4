package com.ukeybridge.agent.keys;

import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.TokenId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreatedKeysTest {
    private static final TokenId TOKEN = new TokenId("462a72d551d17db603ac7660");
    private static final ObjectId KEY = ObjectId.fromHex("8ea373ae16fc46ea04e7041a72f954fd8e8d8003");

    @TempDir
    Path dataDir;

    @Test
    void whenAKeyIsRecorded_thenAnotherAgentOnTheSameFolderKnowsIt() {
        CreatedKeys.in(dataDir).created(TOKEN, KEY);

        CreatedKeys restarted = CreatedKeys.in(dataDir);

        assertThat(restarted.isUncertified(TOKEN, KEY)).isTrue();
        assertThat(restarted.isUncertified(new TokenId("another"), KEY)).isFalse();
        assertThat(restarted.isUncertified(TOKEN, ObjectId.fromHex("01"))).isFalse();
    }

    @Test
    void whenAKeyIsForgotten_thenItIsGoneAfterARestartToo() {
        CreatedKeys keys = CreatedKeys.in(dataDir);
        keys.created(TOKEN, KEY);

        keys.forget(TOKEN, KEY);

        assertThat(keys.isUncertified(TOKEN, KEY)).isFalse();
        assertThat(CreatedKeys.in(dataDir).isUncertified(TOKEN, KEY)).isFalse();
    }

    @Test
    void whenTheRecordIsUnreadable_thenTheAgentDoesNotStartOnIt() throws Exception {
        Files.writeString(dataDir.resolve(CreatedKeys.FILE), "{not json");

        assertThatThrownBy(() -> CreatedKeys.in(dataDir)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(CreatedKeys.FILE);
    }
}
