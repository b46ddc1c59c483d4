package com.ukeybridge.agent.tray.sni;

import com.ukeybridge.agent.desktop.TrayModel;
import com.ukeybridge.agent.desktop.TrayState;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exported {@code /StatusNotifierItem}: the tray's current {@link TrayModel} as SNI
 * properties. Called on dbus-java's threads while {@link StatusNotifierView#show} swaps the
 * model, so it reads one volatile snapshot per call.
 */
final class ItemObject extends ReadOnlyProperties implements StatusNotifierItem {
    static final String ID = "ukey-bridge";
    private static final String INTERFACE = "org.kde.StatusNotifierItem";
    private static final String PIXMAPS = "a(iiay)";
    private static final String TOOLTIP = "(sa(iiay)ss)";

    private final String title;
    private final IconPixmaps icons;
    private final Runnable activate;
    private volatile TrayModel model;

    ItemObject(String title, IconPixmaps icons, TrayModel initial, Runnable activate) {
        super(INTERFACE);
        this.title = title;
        this.icons = icons;
        this.model = initial;
        this.activate = activate;
    }

    TrayModel model() {
        return model;
    }

    void model(TrayModel model) {
        this.model = model;
    }

    /** {@code NeedsAttention} for what the user should act on; never {@code Passive}, which hosts may hide. */
    static String status(TrayState state) {
        return switch (state) {
            case EXPIRING, EXPIRED, PROBLEM -> "NeedsAttention";
            case NO_KEY, ALL_VALID -> "Active";
        };
    }

    /** The tooltip's first line is its title, the rest its description (which hosts may read as simple HTML). */
    static ToolTip toolTip(String tooltip) {
        String[] lines = tooltip.split("\n", 2);
        String description = lines.length > 1 ? lines[1] : "";
        return new ToolTip("", List.of(), lines[0], description.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
    }

    @Override
    Map<String, Variant<?>> properties() {
        TrayModel now = model;
        List<Pixmap> icon = icons.of(now.state());
        Map<String, Variant<?>> properties = new LinkedHashMap<>();
        properties.put("Category", new Variant<>("ApplicationStatus"));
        properties.put("Id", new Variant<>(ID));
        properties.put("Title", new Variant<>(title));
        properties.put("Status", new Variant<>(status(now.state())));
        properties.put("WindowId", new Variant<>(0));
        properties.put("IconThemePath", new Variant<>(""));
        properties.put("IconName", new Variant<>(""));
        properties.put("IconPixmap", new Variant<>(icon, PIXMAPS));
        properties.put("OverlayIconName", new Variant<>(""));
        properties.put("OverlayIconPixmap", new Variant<>(List.of(), PIXMAPS));
        properties.put("AttentionIconName", new Variant<>(""));
        // The state's own icon already says what needs attention; hosts that swap icons show the same one.
        properties.put("AttentionIconPixmap", new Variant<>(icon, PIXMAPS));
        properties.put("AttentionMovieName", new Variant<>(""));
        properties.put("ToolTip", new Variant<>(toolTip(now.tooltip()), TOOLTIP));
        properties.put("ItemIsMenu", new Variant<>(true));
        properties.put("Menu", new Variant<>(new DBusPath(DBusMenu.PATH)));
        return properties;
    }

    @Override
    public void ContextMenu(int x, int y) {
        // Hosts draw the menu from the Menu property themselves.
    }

    @Override
    public void Activate(int x, int y) {
        // Like a double click on AWT's tray icon: renewing is what the icon is there for.
        activate.run();
    }

    @Override
    public void SecondaryActivate(int x, int y) {
    }

    @Override
    public void Scroll(int delta, String orientation) {
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }
}
