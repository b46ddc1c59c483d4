package com.ukeybridge.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentServerSettingsTest {
    private static final Path DIR = Path.of("tls");

    @ParameterizedTest
    @ValueSource(strings = {"https://site.example", "http://localhost:8080", "https://a-b.example.cn:8443", "http://127.0.0.1:3000",
        "https://[::1]:8443"})
    void whenOriginsAreAsBrowsersSendThem_thenTheyAreAccepted(String origin) {
        assertThat(new AgentServerSettings(28443, List.of(origin), DIR, "1.0", List.of(2)).allowedOrigins()).containsExactly(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://site.example/", "https://site.example/path", "https://Site.example", "site.example",
        "null", "*", "", "ftp://site.example", "https://site.example:", "https://site.example?x", " https://site.example"})
    void whenAnOriginCouldNeverMatchABrowsersOrigin_thenTheSettingsAreRefusedNamingIt(String origin) {
        assertThatThrownBy(() -> new AgentServerSettings(28443, List.of(origin), DIR, "1.0", List.of(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith(": " + origin);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536})
    void whenThePortIsOutOfRange_thenTheSettingsAreRefused(int port) {
        assertThatThrownBy(() -> new AgentServerSettings(port, List.of(), DIR, "1.0", List.of(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    }

    @Test
    void whenTheOriginListChangesLater_thenTheSettingsDoNot() {
        List<String> origins = new ArrayList<>(List.of("https://site.example"));
        AgentServerSettings settings = new AgentServerSettings(0, origins, DIR, "1.0", List.of(2));

        origins.add("https://evil.example");

        assertThat(settings.allowedOrigins()).containsExactly("https://site.example");
    }

    @Test
    void whenTheVersionIsBlank_thenTheSettingsAreRefused() {
        assertThatThrownBy(() -> new AgentServerSettings(0, List.of(), DIR, " ", List.of(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
