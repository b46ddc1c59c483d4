package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

import java.util.List;

/** An item's id and the names of properties it no longer has, {@code (ias)}. */
public final class MenuItemRemovedProperties extends Struct {
    @Position(0)
    private final int id;
    @Position(1)
    private final List<String> names;

    public MenuItemRemovedProperties(int id, List<String> names) {
        this.id = id;
        this.names = names;
    }

    public int id() {
        return id;
    }

    public List<String> names() {
        return names;
    }
}
