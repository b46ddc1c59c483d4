package com.ukeybridge.agent.tray.sni;

import com.ukeybridge.agent.desktop.TrayAction;
import org.freedesktop.dbus.errors.InvalidMethodArgument;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The exported {@code /MenuBar}: the tray menu through {@code com.canonical.dbusmenu}. A click
 * ({@code Event "clicked"}) on an enabled command goes to the tray's actions; nothing else does anything.
 */
final class MenuObject extends ReadOnlyProperties implements DBusMenu {
    private static final Logger log = LoggerFactory.getLogger(MenuObject.class);
    private static final String INTERFACE = "com.canonical.dbusmenu";

    private final Consumer<TrayAction> clicked;
    private volatile MenuTree tree = MenuTree.of(List.of());
    private volatile long revision = 1;

    MenuObject(Consumer<TrayAction> clicked) {
        super(INTERFACE);
        this.clicked = clicked;
    }

    /**
     * Takes the new menu; returns the signal that tells hosts: none when nothing changed,
     * {@code ItemsPropertiesUpdated} when only texts or states changed, else {@code LayoutUpdated}.
     */
    synchronized Optional<DBusSignal> replace(MenuTree next) throws DBusException {
        MenuTree previous = tree;
        if (previous.sameMenu(next)) {
            return Optional.empty();
        }
        revision++;
        tree = next;
        if (previous.sameShape(next)) {
            return Optional.of(new ItemsPropertiesUpdated(PATH, next.changedSince(previous), next.removedSince(previous)));
        }
        return Optional.of(new LayoutUpdated(PATH, new UInt32(revision), MenuTree.ROOT));
    }

    @Override
    public OutPair<UInt32, MenuLayout> GetLayout(int parentId, int recursionDepth, String[] propertyNames) {
        long atRevision = revision;
        MenuLayout layout = tree.layout(parentId, recursionDepth, Set.of(propertyNames))
                .orElseThrow(() -> new InvalidMethodArgument("no menu item " + parentId));
        return new OutPair<>(new UInt32(atRevision), layout);
    }

    @Override
    public List<MenuItemProperties> GetGroupProperties(int[] ids, String[] propertyNames) {
        MenuTree now = tree;
        Set<String> names = Set.of(propertyNames);
        List<MenuItemProperties> found = new ArrayList<>();
        for (int id : ids) {
            now.node(id).ifPresent(node -> found.add(new MenuItemProperties(id, MenuTree.variants(node.properties(), names))));
        }
        return found;
    }

    @Override
    public Variant<?> GetProperty(int id, String name) {
        Object value = tree.node(id).orElseThrow(() -> new InvalidMethodArgument("no menu item " + id)).properties().get(name);
        if (value == null) {
            throw new InvalidMethodArgument("menu item " + id + " has no property " + name);
        }
        return new Variant<>(value);
    }

    @Override
    public void Event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
        if ("clicked".equals(eventId)) {
            Optional<TrayAction> action = tree.clicked(id);
            log.debug("menu item {} clicked: {}", id, action.map(Enum::name).orElse("nothing to do"));
            action.ifPresent(clicked);
        }
    }

    @Override
    public int[] EventGroup(List<MenuEvent> events) {
        List<Integer> notFound = new ArrayList<>();
        for (MenuEvent event : events) {
            if (tree.node(event.id()).isEmpty()) {
                notFound.add(event.id());
            } else {
                Event(event.id(), event.eventId(), null, null);
            }
        }
        return notFound.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public boolean AboutToShow(int id) {
        return false;
    }

    @Override
    public OutPair<int[], int[]> AboutToShowGroup(int[] ids) {
        MenuTree now = tree;
        int[] notFound = java.util.Arrays.stream(ids).filter(id -> now.node(id).isEmpty()).toArray();
        return new OutPair<>(new int[0], notFound);
    }

    @Override
    Map<String, Variant<?>> properties() {
        Map<String, Variant<?>> properties = new LinkedHashMap<>();
        properties.put("Version", new Variant<>(new UInt32(3)));
        properties.put("TextDirection", new Variant<>("ltr"));
        properties.put("Status", new Variant<>("normal"));
        properties.put("IconThemePath", new Variant<>(List.of(), "as"));
        return properties;
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }
}
