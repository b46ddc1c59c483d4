package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.Variant;

import java.util.List;
import java.util.Map;

/** One node of a dbusmenu layout, {@code (ia{sv}av)}: id, properties, children (each a variant of this). */
public final class MenuLayout extends Struct {
    /** The D-Bus signature of a node, for the variants that hold the children. */
    public static final String SIGNATURE = "(ia{sv}av)";

    @Position(0)
    private final int id;
    @Position(1)
    private final Map<String, Variant<?>> properties;
    @Position(2)
    private final List<Variant<?>> children;

    public MenuLayout(int id, Map<String, Variant<?>> properties, List<Variant<?>> children) {
        this.id = id;
        this.properties = properties;
        this.children = children;
    }

    public int id() {
        return id;
    }

    public Map<String, Variant<?>> properties() {
        return properties;
    }

    public List<Variant<?>> children() {
        return children;
    }
}
