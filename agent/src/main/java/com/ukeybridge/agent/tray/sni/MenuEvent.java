package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** One event of {@link DBusMenu#EventGroup}, {@code (isvu)}. */
public final class MenuEvent extends Struct {
    @Position(0)
    private final int id;
    @Position(1)
    private final String eventId;
    @Position(2)
    private final Variant<?> data;
    @Position(3)
    private final UInt32 timestamp;

    public MenuEvent(int id, String eventId, Variant<?> data, UInt32 timestamp) {
        this.id = id;
        this.eventId = eventId;
        this.data = data;
        this.timestamp = timestamp;
    }

    public int id() {
        return id;
    }

    public String eventId() {
        return eventId;
    }
}
