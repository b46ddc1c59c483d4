package com.ukeybridge.agent.desktop;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static com.ukeybridge.agent.desktop.Keys.NOW;
import static com.ukeybridge.agent.desktop.Keys.certificate;
import static com.ukeybridge.agent.desktop.Keys.key;
import static com.ukeybridge.agent.desktop.Keys.state;
import static org.assertj.core.api.Assertions.assertThat;

class DesktopStateTest {
    @Test
    void whenNoKeyIsInserted_thenTheStateIsNoKey() {
        assertThat(state().tray()).isEqualTo(TrayState.NO_KEY);
    }

    @Test
    void whenEveryCertificateIsBeyondTheWarning_thenAllValid() {
        assertThat(state(key("A", certificate("张三", 400)), key("B", certificate("李四", 91))).tray())
                .isEqualTo(TrayState.ALL_VALID);
    }

    @Test
    void whenAKeyIsBlank_thenItCountsAsValid() {
        assertThat(state(key("blank")).tray()).isEqualTo(TrayState.ALL_VALID);
    }

    @Test
    void whenOneCertificateIsWithinWarnDays_thenExpiring() {
        DesktopState state = state(key("A", certificate("张三", 400), certificate("李四", 30)));

        assertThat(state.tray()).isEqualTo(TrayState.EXPIRING);
        assertThat(state.soonestExpiring()).get().extracting(c -> c.status().daysLeft()).isEqualTo(30L);
    }

    @Test
    void whenOneCertificateHasExpired_thenExpiredWinsOverExpiring() {
        assertThat(state(key("A", certificate("张三", 30)), key("B", certificate("李四", -3))).tray())
                .isEqualTo(TrayState.EXPIRED);
    }

    @Test
    void whenTheAgentHasAProblem_thenProblemWinsOverEverything() {
        DesktopFacts facts = new DesktopFacts(List.of(key("B", certificate("李四", -3))), List.of(),
                List.of(AgentProblem.noModuleLoaded()), OptionalInt.of(28443));

        assertThat(DesktopState.of(facts, NOW, 90).tray()).isEqualTo(TrayState.PROBLEM);
    }

    @Test
    void whenWarnDaysIsConfigured_thenItDecidesExpiring() {
        DesktopFacts facts = Keys.facts(key("A", certificate("张三", 30)));

        assertThat(DesktopState.of(facts, NOW, 14).tray()).isEqualTo(TrayState.ALL_VALID);
        assertThat(DesktopState.of(facts, NOW, 31).tray()).isEqualTo(TrayState.EXPIRING);
    }
}
