package com.ukeybridge.token;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectIdTest {

    @Test
    void whenMadeFromBytes_thenLowercaseHexRoundTrips() {
        ObjectId id = ObjectId.of(new byte[] {0x0a, (byte) 0xff, 0x00});

        assertThat(id.hex()).isEqualTo("0aff00");
        assertThat(ObjectId.fromHex("0aff00")).isEqualTo(id).hasSameHashCodeAs(id);
    }

    @Test
    void whenHexMalformed_thenRejected() {
        assertThatThrownBy(() -> ObjectId.fromHex("0AFF")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectId.fromHex("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectId.fromHex("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectId.fromHex("zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenSourceArrayChanged_thenIdUnchanged() {
        byte[] bytes = {1, 2};
        ObjectId id = ObjectId.of(bytes);
        bytes[0] = 9;
        id.bytes()[1] = 9;

        assertThat(id.hex()).isEqualTo("0102");
    }
}
