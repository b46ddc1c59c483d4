package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.Variant;

import java.util.Map;

/** An item's id and properties, {@code (ia{sv})}. */
public final class MenuItemProperties extends Struct {
    @Position(0)
    private final int id;
    @Position(1)
    private final Map<String, Variant<?>> properties;

    public MenuItemProperties(int id, Map<String, Variant<?>> properties) {
        this.id = id;
        this.properties = properties;
    }

    public int id() {
        return id;
    }

    public Map<String, Variant<?>> properties() {
        return properties;
    }
}
