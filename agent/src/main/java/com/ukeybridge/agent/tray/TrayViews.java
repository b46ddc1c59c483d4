package com.ukeybridge.agent.tray;

import com.ukeybridge.agent.desktop.TrayActions;
import com.ukeybridge.agent.desktop.TrayView;
import com.ukeybridge.agent.i18n.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.AWTException;
import java.awt.SystemTray;

/**
 * Picks the tray view for this desktop: the system tray where AWT reaches one, else the
 * status window. docs/desktop.md says why there is no StatusNotifierItem view yet.
 */
public final class TrayViews {
    private static final Logger log = LoggerFactory.getLogger(TrayViews.class);

    private TrayViews() {
    }

    /** A started view; the caller has checked that a display is there. */
    public static TrayView start(Messages messages, TrayActions actions) {
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
