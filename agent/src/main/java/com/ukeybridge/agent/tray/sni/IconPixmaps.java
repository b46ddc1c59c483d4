package com.ukeybridge.agent.tray.sni;

import com.ukeybridge.agent.desktop.TrayState;
import com.ukeybridge.agent.tray.TrayIcons;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The tray icons ({@link TrayIcons}, drawn in code) as SNI pixmaps: one per size, since hosts
 * pick the nearest size for their panel and scale (16 px on a dense panel, 22–24 on GNOME and
 * Plasma, 32–48 on HiDPI). Drawn once per state.
 */
final class IconPixmaps {
    static final List<Integer> SIZES = List.of(16, 22, 24, 32, 48);
    static final int NOTIFICATION_SIZE = 48;

    private final Map<TrayState, List<Pixmap>> drawn = new EnumMap<>(TrayState.class);

    synchronized List<Pixmap> of(TrayState state) {
        return drawn.computeIfAbsent(state, s -> SIZES.stream().map(size -> pixmap(TrayIcons.draw(s, size))).toList());
    }

    static Pixmap pixmap(BufferedImage image) {
        return new Pixmap(image.getWidth(), image.getHeight(), argb32(image));
    }

    /** ARGB32 in network byte order: A, R, G, B for each pixel, row by row, as the SNI spec asks. */
    static byte[] argb32(BufferedImage image) {
        ByteBuffer pixels = ByteBuffer.allocate(image.getWidth() * image.getHeight() * 4); // big-endian by default
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                pixels.putInt(image.getRGB(x, y));
            }
        }
        return pixels.array();
    }

    /** The notification's {@code image-data}: RGBA (not ARGB), as the notification spec asks. */
    static NotificationImage notificationImage(TrayState state) {
        BufferedImage image = TrayIcons.draw(state, NOTIFICATION_SIZE);
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgba = new byte[width * height * 4];
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                rgba[i++] = (byte) (argb >>> 16);
                rgba[i++] = (byte) (argb >>> 8);
                rgba[i++] = (byte) argb;
                rgba[i++] = (byte) (argb >>> 24);
            }
        }
        return new NotificationImage(width, height, width * 4, true, 8, 4, rgba);
    }
}
