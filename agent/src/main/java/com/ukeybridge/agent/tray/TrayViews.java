package com.ukeybridge.agent.tray;

import com.ukeybridge.agent.desktop.TrayActions;
import com.ukeybridge.agent.desktop.TrayView;
import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.tray.sni.SessionBusAddress;
import com.ukeybridge.agent.tray.sni.StatusNotifierUnavailableException;
import com.ukeybridge.agent.tray.sni.StatusNotifierView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.AWTException;
import java.awt.SystemTray;
import java.util.Optional;
import java.util.function.BiFunction;

import javax.swing.SwingUtilities;

/**
 * Picks the tray view for this desktop, in this order: a StatusNotifierItem when a session bus
 * is reachable and a {@code StatusNotifierWatcher} is on it (GNOME with the AppIndicator
 * extension, Plasma, Xfce, Cinnamon…); else the system tray where AWT reaches one (Windows,
 * macOS, XEmbed trays); else the status window. Each fallback is logged once.
 */
public final class TrayViews {
    private static final Logger log = LoggerFactory.getLogger(TrayViews.class);

    private TrayViews() {
    }

    /** A started view; the caller has checked that a display is there. */
    public static TrayView start(Messages messages, TrayActions actions) {
        return start(messages, actions, SessionBusAddress.fromEnvironment(System.getenv()), TrayViews::startAwtOrWindow);
    }

    /** The choice, with the session bus and the non-D-Bus views given (tests run it on a private bus). */
    static TrayView start(Messages messages, TrayActions actions, Optional<String> sessionBus,
                          BiFunction<Messages, TrayActions, TrayView> otherwise) {
        if (sessionBus.isPresent()) {
            try {
                StatusNotifierView view = StatusNotifierView.start(messages, actions, sessionBus.get(),
                        (title, text) -> SwingUtilities.invokeLater(() -> DiagnosticsWindow.open(messages, title, text)));
                log.info("tray icon shown as a StatusNotifierItem on the session bus");
                return view;
            } catch (StatusNotifierUnavailableException e) {
                log.info("no StatusNotifierItem tray ({}): trying AWT's system tray", e.getMessage());
            }
        } else if (System.getProperty("os.name", "").toLowerCase().startsWith("linux")) {
            log.info("no D-Bus session bus at a unix:path address (DBUS_SESSION_BUS_ADDRESS): trying AWT's system tray");
        }
        return otherwise.apply(messages, actions);
    }

    private static TrayView startAwtOrWindow(Messages messages, TrayActions actions) {
        if (SystemTray.isSupported()) {
            AwtTrayView view = new AwtTrayView(messages);
            try {
                view.install(actions);
                log.info("tray icon shown in the system tray");
                return view;
            } catch (AWTException | RuntimeException e) {
                log.warn("the system tray refused the icon ({}): showing a status window instead", e.getMessage());
            }
        } else {
            log.warn("this desktop has no system tray that Java can reach (GNOME without the AppIndicator extension?): "
                    + "showing a status window instead");
        }
        return startStatusWindow(messages, actions);
    }

    public static TrayView startStatusWindow(Messages messages, TrayActions actions) {
        StatusWindowView view = new StatusWindowView(messages);
        view.start(actions);
        return view;
    }
}
