package com.ukeybridge.agent.tray;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.swing.UIManager;

/** Native-looking dialogs where Swing's system look and feel is good (Windows, macOS); Swing's own elsewhere. */
public final class LookAndFeels {
    private static final Logger log = LoggerFactory.getLogger(LookAndFeels.class);

    private LookAndFeels() {
    }

    public static void useSystemWhereNative() {
        String os = System.getProperty("os.name", "").toLowerCase();
        // On Linux the GTK look and feel depends on the desktop's theme engine and often renders badly; Metal is predictable.
        if (os.startsWith("windows") || os.startsWith("mac")) {
            try {
                UIManager.setLookAndFeel(UIManager.getSystemLookAndFeelClassName());
            } catch (ReflectiveOperationException | javax.swing.UnsupportedLookAndFeelException e) {
                log.debug("system look and feel unavailable: {}", e.getMessage());
            }
        }
    }
}
