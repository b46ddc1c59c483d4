package com.ukeybridge.agent.tray;

import com.ukeybridge.agent.desktop.Browser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;

/** The user's default browser: AWT's {@link Desktop} where it can browse, else {@code xdg-open} (Linux desktops without GTK). */
public final class SystemBrowser implements Browser {
    private static final Logger log = LoggerFactory.getLogger(SystemBrowser.class);

    @Override
    public void open(URI page) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(page);
            } else {
                new ProcessBuilder("xdg-open", page.toString()).inheritIO().start();
            }
            log.info("opened {} in the browser", page);
        } catch (IOException | RuntimeException e) {
            log.warn("could not open {} in a browser: {}", page, e.getMessage());
        }
    }
}
