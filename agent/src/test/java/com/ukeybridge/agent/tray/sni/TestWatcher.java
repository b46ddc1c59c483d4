package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A StatusNotifierWatcher as a tray host owns one: on its own connection, recording who registers. */
public final class TestWatcher implements StatusNotifierWatcher, AutoCloseable {
    /** The services that registered, in order. */
    public final BlockingQueue<String> registered = new LinkedBlockingQueue<>();
    private final DBusConnection connection;

    private TestWatcher(DBusConnection connection) {
        this.connection = connection;
    }

    public static TestWatcher on(String busAddress) throws DBusException {
        DBusConnection connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        TestWatcher watcher = new TestWatcher(connection);
        connection.exportObject(PATH, watcher);
        connection.requestBusName(BUS_NAME);
        return watcher;
    }

    @Override
    public void RegisterStatusNotifierItem(String service) {
        registered.add(service);
    }

    @Override
    public void RegisterStatusNotifierHost(String service) {
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }

    /** Leaves the bus, as a host does when GNOME Shell restarts. */
    @Override
    public void close() throws IOException {
        connection.close();
    }
}
