package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

import java.util.List;

/** The SNI tooltip, {@code (sa(iiay)ss)}: icon name, icon pixmaps, title, description. */
public final class ToolTip extends Struct {
    @Position(0)
    private final String iconName;
    @Position(1)
    private final List<Pixmap> iconPixmap;
    @Position(2)
    private final String title;
    @Position(3)
    private final String description;

    public ToolTip(String iconName, List<Pixmap> iconPixmap, String title, String description) {
        this.iconName = iconName;
        this.iconPixmap = iconPixmap;
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }
}
