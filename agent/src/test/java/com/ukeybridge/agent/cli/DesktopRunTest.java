package com.ukeybridge.agent.cli;

import com.ukeybridge.agent.x11.XvfbRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run} on a real (Xvfb) display: one instance per data folder, and a taken port shown as the tray's problem. */
@Tag("xvfb")
class DesktopRunTest {
    @Test
    void whenStartedTwiceOrOnATakenPort_thenTheUserIsToldAndTheTrayShowsTheProblem() throws Exception {
        XvfbRun.scenario(DesktopRunScenario.class, XvfbRun.SCREENSHOTS.toString());

        assertThat(XvfbRun.SCREENSHOTS.resolve("already-running.png")).isNotEmptyFile();
        assertThat(XvfbRun.SCREENSHOTS.resolve("status-window-port-taken.png")).isNotEmptyFile();
    }
}
