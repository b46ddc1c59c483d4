package com.ukeybridge.agent.tray;

import java.awt.GraphicsEnvironment;
import java.util.Optional;

/** Whether this process can show windows at all. */
public final class Displays {
    private Displays() {
    }

    /** @return empty when a display is usable, else why not (headless Java, no X server, no AWT libraries) */
    public static Optional<String> whyNoDisplay() {
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.of("no display (headless Java or no DISPLAY/WAYLAND_DISPLAY)");
        }
        try {
            if (GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices().length == 0) {
                return Optional.of("no screen");
            }
            return Optional.empty();
        } catch (Throwable e) {
            // AWTError when the X server does not answer, UnsatisfiedLinkError on a JRE without AWT's X11 libraries.
            return Optional.of("display unusable: " + e);
        }
    }
}
