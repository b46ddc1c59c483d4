package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * {@code org.kde.StatusNotifierWatcher}: the desktop's registry of items, owned by the tray host
 * (GNOME Shell's AppIndicator extension, Plasma, the Xfce/Cinnamon applets). An item registers with it.
 */
@DBusInterfaceName("org.kde.StatusNotifierWatcher")
public interface StatusNotifierWatcher extends DBusInterface {
    /** The well-known bus name of the watcher. */
    String BUS_NAME = "org.kde.StatusNotifierWatcher";
    String PATH = "/StatusNotifierWatcher";

    /** {@code service}: the item's bus name (its object is then at {@code /StatusNotifierItem}) or an object path. */
    void RegisterStatusNotifierItem(String service);

    void RegisterStatusNotifierHost(String service);

    class StatusNotifierItemRegistered extends DBusSignal {
        public final String service;

        public StatusNotifierItemRegistered(String path, String service) throws DBusException {
            super(path, service);
            this.service = service;
        }
    }

    class StatusNotifierItemUnregistered extends DBusSignal {
        public final String service;

        public StatusNotifierItemUnregistered(String path, String service) throws DBusException {
            super(path, service);
            this.service = service;
        }
    }

    class StatusNotifierHostRegistered extends DBusSignal {
        public StatusNotifierHostRegistered(String path) throws DBusException {
            super(path);
        }
    }
}
