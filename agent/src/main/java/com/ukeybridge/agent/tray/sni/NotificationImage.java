package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** The {@code image-data} hint of a notification, {@code (iiibiiay)}: RGBA rows, 8 bits per sample. */
public final class NotificationImage extends Struct {
    @Position(0)
    private final int width;
    @Position(1)
    private final int height;
    @Position(2)
    private final int rowStride;
    @Position(3)
    private final boolean hasAlpha;
    @Position(4)
    private final int bitsPerSample;
    @Position(5)
    private final int channels;
    @Position(6)
    private final byte[] rgba;

    public NotificationImage(int width, int height, int rowStride, boolean hasAlpha, int bitsPerSample, int channels, byte[] rgba) {
        this.width = width;
        this.height = height;
        this.rowStride = rowStride;
        this.hasAlpha = hasAlpha;
        this.bitsPerSample = bitsPerSample;
        this.channels = channels;
        this.rgba = rgba;
    }
}
