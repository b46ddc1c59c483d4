package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * {@code org.kde.StatusNotifierItem}: the tray icon as the desktop's host (GNOME's AppIndicator
 * extension, KDE Plasma, Xfce, Cinnamon…) reads it over D-Bus. The properties are served through
 * {@code org.freedesktop.DBus.Properties} by {@link ItemObject}; the annotations only describe
 * them for introspection.
 */
@DBusInterfaceName("org.kde.StatusNotifierItem")
@DBusProperty(name = "Category", type = String.class, access = Access.READ)
@DBusProperty(name = "Id", type = String.class, access = Access.READ)
@DBusProperty(name = "Title", type = String.class, access = Access.READ)
@DBusProperty(name = "Status", type = String.class, access = Access.READ)
@DBusProperty(name = "WindowId", type = Integer.class, access = Access.READ)
@DBusProperty(name = "IconThemePath", type = String.class, access = Access.READ)
@DBusProperty(name = "IconName", type = String.class, access = Access.READ)
@DBusProperty(name = "IconPixmap", type = Pixmap.ListType.class, access = Access.READ)
@DBusProperty(name = "OverlayIconName", type = String.class, access = Access.READ)
@DBusProperty(name = "OverlayIconPixmap", type = Pixmap.ListType.class, access = Access.READ)
@DBusProperty(name = "AttentionIconName", type = String.class, access = Access.READ)
@DBusProperty(name = "AttentionIconPixmap", type = Pixmap.ListType.class, access = Access.READ)
@DBusProperty(name = "AttentionMovieName", type = String.class, access = Access.READ)
@DBusProperty(name = "ToolTip", type = ToolTip.class, access = Access.READ)
@DBusProperty(name = "ItemIsMenu", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "Menu", type = DBusPath.class, access = Access.READ)
public interface StatusNotifierItem extends DBusInterface {
    /** Where the item lives on its connection. */
    String PATH = "/StatusNotifierItem";

    /** The host asks for the context menu at screen point (x, y); we have {@code Menu}, so hosts draw it themselves. */
    void ContextMenu(int x, int y);

    /** A primary click (hosts that ignore {@code ItemIsMenu}, or a double click). */
    void Activate(int x, int y);

    /** A middle click. */
    void SecondaryActivate(int x, int y);

    void Scroll(int delta, String orientation);

    /** The title changed. */
    class NewTitle extends DBusSignal {
        public NewTitle(String path) throws DBusException {
            super(path);
        }
    }

    /** {@code IconPixmap} changed. */
    class NewIcon extends DBusSignal {
        public NewIcon(String path) throws DBusException {
            super(path);
        }
    }

    /** {@code AttentionIconPixmap} changed. */
    class NewAttentionIcon extends DBusSignal {
        public NewAttentionIcon(String path) throws DBusException {
            super(path);
        }
    }

    /** {@code OverlayIconPixmap} changed. */
    class NewOverlayIcon extends DBusSignal {
        public NewOverlayIcon(String path) throws DBusException {
            super(path);
        }
    }

    /** {@code ToolTip} changed. */
    class NewToolTip extends DBusSignal {
        public NewToolTip(String path) throws DBusException {
            super(path);
        }
    }

    /** {@code Status} changed, to {@code status}. */
    class NewStatus extends DBusSignal {
        public final String status;

        public NewStatus(String path, String status) throws DBusException {
            super(path, status);
            this.status = status;
        }
    }
}
