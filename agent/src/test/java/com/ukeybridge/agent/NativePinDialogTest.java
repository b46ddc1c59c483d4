package com.ukeybridge.agent;

import com.ukeybridge.agent.x11.XvfbRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** verifyPin without a PIN, answered in the agent's real dialog under Xvfb, against SoftHSM2. */
@Tag("softhsm")
@Tag("xvfb")
class NativePinDialogTest {
    @Test
    void whenThePageSendsNoPin_thenTheUserTypesItInTheAgentsDialogAndThePageIsLoggedIn() throws Exception {
        String output = XvfbRun.scenario(NativePinDialogScenario.class, XvfbRun.SCREENSHOTS.toString());

        assertThat(output).doesNotContain("123456");
        assertThat(XvfbRun.SCREENSHOTS.resolve("pin-dialog-softhsm.png")).isNotEmptyFile();
        assertThat(XvfbRun.SCREENSHOTS.resolve("status-window-softhsm.png")).isNotEmptyFile();
    }
}
