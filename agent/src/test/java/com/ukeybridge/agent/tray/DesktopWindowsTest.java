package com.ukeybridge.agent.tray;

import com.ukeybridge.agent.x11.XvfbRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The real windows on a private X server; screenshots in agent/target/screenshots. */
@Tag("xvfb")
class DesktopWindowsTest {
    @Test
    void whenTheDialogsAndTheStatusWindowOpenOnARealDisplay_thenTheyWorkAndAreSaved() throws Exception {
        XvfbRun.scenario(DesktopWindowsScenario.class, XvfbRun.SCREENSHOTS.toString());

        assertThat(XvfbRun.SCREENSHOTS.resolve("pin-dialog.png")).isNotEmptyFile();
        assertThat(XvfbRun.SCREENSHOTS.resolve("pin-dialog-typed.png")).isNotEmptyFile();
        assertThat(XvfbRun.SCREENSHOTS.resolve("consent-dialog.png")).isNotEmptyFile();
        assertThat(XvfbRun.SCREENSHOTS.resolve("status-window.png")).isNotEmptyFile();
        assertThat(XvfbRun.SCREENSHOTS.resolve("diagnostics.png")).isNotEmptyFile();
    }
}
