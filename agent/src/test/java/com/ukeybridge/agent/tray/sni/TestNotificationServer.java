package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/** A notification server as the desktop runs one: records what it is asked to show, and lets the test click. */
final class TestNotificationServer implements Notifications, AutoCloseable {
    record Shown(long id, String appName, String summary, String body, List<String> actions, Set<String> hints) {
    }

    final BlockingQueue<Shown> shown = new LinkedBlockingQueue<>();
    private final AtomicLong ids = new AtomicLong(40);
    private final DBusConnection connection;

    private TestNotificationServer(DBusConnection connection) {
        this.connection = connection;
    }

    static TestNotificationServer on(String busAddress) throws DBusException {
        DBusConnection connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        TestNotificationServer server = new TestNotificationServer(connection);
        connection.exportObject(PATH, server);
        connection.requestBusName(BUS_NAME);
        return server;
    }

    @Override
    public UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body, List<String> actions,
                         Map<String, Variant<?>> hints, int expireTimeout) {
        long id = ids.incrementAndGet();
        shown.add(new Shown(id, appName, summary, body, List.copyOf(actions), Set.copyOf(hints.keySet())));
        return new UInt32(id);
    }

    @Override
    public void CloseNotification(UInt32 id) {
    }

    /** The user clicks notification {@code id}. */
    void click(long id) throws DBusException {
        connection.sendMessage(new ActionInvoked(PATH, new UInt32(id), "default"));
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
