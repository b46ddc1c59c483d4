package com.ukeybridge.agent.tray;

import com.ukeybridge.agent.desktop.TrayState;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * The tray icons, drawn in code at the size the tray asks for so they stay sharp from 16 to
 * 32 pixels. Each state has its own colour and its own shape, so it reads without colour too:
 * grey ring (no key), green disc with a tick (valid), amber triangle with "!" (expiring),
 * red octagon with a cross (expired), dark square with "!" (agent problem).
 */
public final class TrayIcons {
    static final Color GREY = new Color(0x80, 0x86, 0x8b);
    static final Color GREEN = new Color(0x1e, 0x8e, 0x3e);
    static final Color AMBER = new Color(0xf2, 0x99, 0x00);
    static final Color RED = new Color(0xd9, 0x30, 0x25);
    static final Color PROBLEM = new Color(0x5f, 0x36, 0x8f);

    private TrayIcons() {
    }

    public static BufferedImage draw(TrayState state, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            // Work on a 16-unit grid; everything scales with the requested size.
            double u = size / 16.0;
            g.scale(u, u);
            switch (state) {
                case NO_KEY -> noKey(g);
                case ALL_VALID -> valid(g);
                case EXPIRING -> expiring(g);
                case EXPIRED -> expired(g);
                case PROBLEM -> problem(g);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void noKey(Graphics2D g) {
        g.setColor(GREY);
        g.setStroke(new BasicStroke(2.2f));
        g.draw(new Ellipse2D.Double(2.1, 2.1, 11.8, 11.8));
        g.fill(new RoundRectangle2D.Double(4.8, 7, 6.4, 2, 1, 1));
    }

    private static void valid(Graphics2D g) {
        g.setColor(GREEN);
        g.fill(new Ellipse2D.Double(0.5, 0.5, 15, 15));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D tick = new Path2D.Double();
        tick.moveTo(4.2, 8.3);
        tick.lineTo(6.9, 11);
        tick.lineTo(11.9, 5.3);
        g.draw(tick);
    }

    private static void expiring(Graphics2D g) {
        g.setColor(AMBER);
        Path2D triangle = new Path2D.Double();
        triangle.moveTo(8, 0.6);
        triangle.lineTo(15.6, 14.6);
        triangle.lineTo(0.4, 14.6);
        triangle.closePath();
        g.fill(triangle);
        g.setColor(new Color(0x20, 0x20, 0x20));
        exclamation(g, 5.2, 9.4, 12.3);
    }

    private static void expired(Graphics2D g) {
        g.setColor(RED);
        Polygon octagon = new Polygon();
        double r = 8;
        for (int i = 0; i < 8; i++) {
            double angle = Math.PI / 8 + i * Math.PI / 4;
            octagon.addPoint((int) Math.round(8 + r * Math.cos(angle)), (int) Math.round(8 + r * Math.sin(angle)));
        }
        g.fill(octagon);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Line2D.Double(5, 5, 11, 11));
        g.draw(new java.awt.geom.Line2D.Double(11, 5, 5, 11));
    }

    private static void problem(Graphics2D g) {
        g.setColor(PROBLEM);
        g.fill(new RoundRectangle2D.Double(0.8, 0.8, 14.4, 14.4, 3, 3));
        g.setColor(new Color(0xff, 0xd5, 0x4f));
        exclamation(g, 3.2, 9.2, 12.4);
    }

    /** A bar from {@code top} to {@code barEnd} and a dot at {@code dot}, centred on x = 8. */
    private static void exclamation(Graphics2D g, double top, double barEnd, double dot) {
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Line2D.Double(8, top, 8, barEnd));
        g.fill(new Ellipse2D.Double(8 - 1.25, dot - 1.25, 2.5, 2.5));
    }
}
