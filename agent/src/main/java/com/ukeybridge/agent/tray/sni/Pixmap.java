package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.TypeRef;
import org.freedesktop.dbus.annotations.Position;

import java.util.List;

/** One icon of an SNI pixmap list, {@code (iiay)}: width, height, ARGB32 pixels in network byte order. */
public final class Pixmap extends Struct {
    @Position(0)
    private final int width;
    @Position(1)
    private final int height;
    @Position(2)
    private final byte[] argb;

    public Pixmap(int width, int height, byte[] argb) {
        this.width = width;
        this.height = height;
        this.argb = argb;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public byte[] argb() {
        return argb;
    }

    /** {@code a(iiay)}, for the introspection of the icon properties. */
    public interface ListType extends TypeRef<List<Pixmap>> {
    }
}
