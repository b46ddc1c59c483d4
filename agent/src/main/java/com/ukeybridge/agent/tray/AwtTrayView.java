package com.ukeybridge.agent.tray;

import com.ukeybridge.agent.desktop.MenuEntry;
import com.ukeybridge.agent.desktop.Notice;
import com.ukeybridge.agent.desktop.TrayAction;
import com.ukeybridge.agent.desktop.TrayActions;
import com.ukeybridge.agent.desktop.TrayModel;
import com.ukeybridge.agent.desktop.TrayView;
import com.ukeybridge.agent.i18n.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.AWTException;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.util.List;

import javax.swing.SwingUtilities;

/**
 * The icon in the system tray through AWT's {@link SystemTray}: the notification area on
 * Windows, the menu bar on macOS, XEmbed trays on Linux (KDE, Xfce, MATE, Cinnamon, and GNOME
 * only with the AppIndicator extension). Notifications are the tray's balloons.
 */
final class AwtTrayView implements TrayView {
    private static final Logger log = LoggerFactory.getLogger(AwtTrayView.class);

    private final Messages messages;
    private TrayIcon icon;
    private TrayActions actions;

    AwtTrayView(Messages messages) {
        this.messages = messages;
    }

    /** @throws AWTException when the tray refuses the icon (the caller falls back to the status window) */
    void install(TrayActions actions) throws AWTException {
        this.actions = actions;
        SystemTray tray = SystemTray.getSystemTray();
        Dimension size = tray.getTrayIconSize();
        icon = new TrayIcon(TrayIcons.draw(com.ukeybridge.agent.desktop.TrayState.NO_KEY, Math.max(16, size.height)),
                messages.get("app.name"), new PopupMenu());
        icon.setImageAutoSize(true);
        // A click on a balloon, or a double click on the icon: both lead to renewing.
        icon.addActionListener(e -> actions.perform(TrayAction.OPEN_UPDATE_SITE));
        tray.add(icon);
    }

    @Override
    public void start(TrayActions actions) {
        this.actions = actions;
    }

    @Override
    public void show(TrayModel model) {
        SwingUtilities.invokeLater(() -> {
            if (icon == null) {
                return;
            }
            Dimension size = SystemTray.getSystemTray().getTrayIconSize();
            icon.setImage(TrayIcons.draw(model.state(), Math.max(16, size.height)));
            icon.setToolTip(model.tooltip());
            PopupMenu popup = icon.getPopupMenu();
            popup.removeAll();
            addAll(popup, model.menu());
        });
    }

    private void addAll(Menu menu, List<MenuEntry> entries) {
        for (MenuEntry entry : entries) {
            if (entry instanceof MenuEntry.Separator) {
                menu.addSeparator();
            } else if (entry instanceof MenuEntry.Info info) {
                MenuItem item = new MenuItem(info.text());
                if (info.warning()) {
                    item.setFont(new Font(Font.DIALOG, Font.BOLD, 12));
                }
                item.setEnabled(false);
                menu.add(item);
            } else if (entry instanceof MenuEntry.Command command) {
                MenuItem item = new MenuItem(command.text());
                item.setEnabled(command.enabled());
                item.addActionListener(e -> actions.perform(command.action()));
                menu.add(item);
            } else if (entry instanceof MenuEntry.Submenu submenu) {
                Menu sub = new Menu(submenu.text());
                addAll(sub, submenu.entries());
                menu.add(sub);
            }
        }
    }

    @Override
    public void showDiagnostics(String title, String text) {
        SwingUtilities.invokeLater(() -> DiagnosticsWindow.open(messages, title, text));
    }

    @Override
    public void notify(Notice notice) {
        SwingUtilities.invokeLater(() -> {
            if (icon != null) {
                icon.displayMessage(notice.title(), notice.text(), TrayIcon.MessageType.WARNING);
            }
        });
        log.info("notified: {}", notice.title());
    }

    @Override
    public void close() {
        SwingUtilities.invokeLater(() -> {
            if (icon != null) {
                SystemTray.getSystemTray().remove(icon);
                icon = null;
            }
        });
    }
}
