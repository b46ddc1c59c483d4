package com.ukeybridge.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpgradeGateTest {
    private final UpgradeGate gate = new UpgradeGate(List.of("https://site.example", "http://localhost:8080"), 28443);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:28443", "localhost:28443", "[::1]:28443"})
    void whenOriginAndHostAreExact_thenTheUpgradeMayProceed(String host) {
        assertThat(gate.refusal(List.of("https://site.example"), List.of(host))).isEmpty();
        assertThat(gate.refusal(List.of("http://localhost:8080"), List.of(host))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://site.example.evil.com", "http://site.example", "https://site.example/",
        "https://site.example:443", "https://Site.example", "https://site.example ", "null", "", "http://localhost:8081",
        "http://localhost", "http://127.0.0.1:8080"})
    void whenTheOriginDiffersByAnything_thenItIsRefusedAndTheLogSaysWhy(String origin) {
        assertThat(gate.refusal(List.of(origin), List.of("127.0.0.1:28443")))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("origin not allowed: "));
    }

    @Test
    void whenThereIsNoOrigin_thenItIsRefused() {
        assertThat(gate.refusal(List.of(), List.of("127.0.0.1:28443"))).contains("no Origin header");
    }

    @Test
    void whenThereAreTwoOrigins_thenItIsRefusedEvenIfOneIsAllowed() {
        assertThat(gate.refusal(List.of("https://site.example", "https://site.example"), List.of("127.0.0.1:28443")))
                .contains("several Origin headers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOCALHOST:28443", "127.0.0.1", "127.0.0.1:28444", "evil.example:28443", "localhost.:28443",
        "[0:0:0:0:0:0:0:1]:28443", "127.1:28443", "2130706433:28443", "[::1]", " 127.0.0.1:28443"})
    void whenTheHostIsNotOneOfTheThreeExactForms_thenItIsRefused(String host) {
        assertThat(gate.refusal(List.of("https://site.example"), List.of(host)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("host not allowed: "));
    }

    @Test
    void whenTheHostIsMissingOrDoubled_thenItIsRefused() {
        assertThat(gate.refusal(List.of("https://site.example"), List.of())).contains("no Host header");
        assertThat(gate.refusal(List.of("https://site.example"), List.of("127.0.0.1:28443", "127.0.0.1:28443")))
                .contains("several Host headers");
    }

    @Test
    void whenARefusedValueHoldsControlCharacters_thenTheReasonEscapesThem() {
        assertThat(gate.refusal(List.of("https://evil\r\nINFO forged line"), List.of("127.0.0.1:28443")))
                .contains("origin not allowed: \"https://evil\\u000d\\u000aINFO forged line\"");
    }
}
