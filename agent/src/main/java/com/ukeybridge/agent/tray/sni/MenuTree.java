package com.ukeybridge.agent.tray.sni;

import com.ukeybridge.agent.desktop.MenuEntry;
import com.ukeybridge.agent.desktop.TrayAction;
import org.freedesktop.dbus.types.Variant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tray menu ({@link MenuEntry} list) as a numbered dbusmenu tree. A command keeps the same id
 * whatever the menu holds ({@code 1 + action.ordinal()}), so a click that crosses a redraw still
 * reaches the command the user saw; every other line is numbered in order after those. Immutable.
 */
final class MenuTree {
    static final int ROOT = 0;
    private static final int FIRST_FREE_ID = TrayAction.values().length + 1;

    /** One item: its properties as plain values (String, Boolean), its children's ids, and what a click does. */
    record Node(int id, Map<String, Object> properties, List<Integer> children, Optional<TrayAction> action) {
    }

    private final List<MenuEntry> entries;
    private final Map<Integer, Node> nodes;

    private MenuTree(List<MenuEntry> entries, Map<Integer, Node> nodes) {
        this.entries = entries;
        this.nodes = nodes;
    }

    static MenuTree of(List<MenuEntry> menu) {
        Map<Integer, Node> nodes = new LinkedHashMap<>();
        int[] nextId = {FIRST_FREE_ID};
        Set<TrayAction> placed = new HashSet<>();
        List<Integer> top = add(menu, nodes, nextId, placed);
        nodes.put(ROOT, new Node(ROOT, properties("children-display", "submenu"), top, Optional.empty()));
        return new MenuTree(List.copyOf(menu), Collections.unmodifiableMap(nodes));
    }

    private static List<Integer> add(List<MenuEntry> entries, Map<Integer, Node> nodes, int[] nextId, Set<TrayAction> placed) {
        List<Integer> ids = new ArrayList<>();
        for (MenuEntry entry : entries) {
            Node node;
            if (entry instanceof MenuEntry.Command command) {
                int id = placed.add(command.action()) ? 1 + command.action().ordinal() : nextId[0]++;
                node = new Node(id, properties("label", label(command.text()), "enabled", command.enabled()), List.of(),
                        command.enabled() ? Optional.of(command.action()) : Optional.empty());
            } else if (entry instanceof MenuEntry.Info info) {
                node = new Node(nextId[0]++, properties("label", label(info.text()), "enabled", false,
                        "disposition", info.warning() ? "warning" : "normal"), List.of(), Optional.empty());
            } else if (entry instanceof MenuEntry.Submenu submenu) {
                int id = nextId[0]++;
                List<Integer> children = add(submenu.entries(), nodes, nextId, placed);
                node = new Node(id, properties("label", label(submenu.text()), "children-display", "submenu"), children, Optional.empty());
            } else {
                node = new Node(nextId[0]++, properties("type", "separator"), List.of(), Optional.empty());
            }
            nodes.put(node.id(), node);
            ids.add(node.id());
        }
        return List.copyOf(ids);
    }

    /** Name-value pairs in the order given, so hosts and logs see the label first. */
    private static Map<String, Object> properties(Object... namesAndValues) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(properties);
    }

    /** dbusmenu reads {@code _} as a mnemonic marker; a literal one is doubled. */
    static String label(String text) {
        return text.replace("_", "__");
    }

    boolean sameMenu(MenuTree other) {
        return entries.equals(other.entries);
    }

    /** Same ids with the same children: the host can update properties in place. */
    boolean sameShape(MenuTree other) {
        if (!nodes.keySet().equals(other.nodes.keySet())) {
            return false;
        }
        return nodes.values().stream().allMatch(node -> node.children().equals(other.nodes.get(node.id()).children()));
    }

    Optional<Node> node(int id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** What clicking {@code id} does: only enabled commands do anything. */
    Optional<TrayAction> clicked(int id) {
        return node(id).flatMap(Node::action);
    }

    /** The subtree at {@code id}, {@code depth} levels of children deep (negative: all). */
    Optional<MenuLayout> layout(int id, int depth, Set<String> names) {
        return node(id).map(node -> layout(node, depth, names));
    }

    private MenuLayout layout(Node node, int depth, Set<String> names) {
        List<Variant<?>> children = new ArrayList<>();
        if (depth != 0) {
            for (int child : node.children()) {
                children.add(new Variant<>(layout(nodes.get(child), depth - 1, names), MenuLayout.SIGNATURE));
            }
        }
        return new MenuLayout(node.id(), variants(node.properties(), names), children);
    }

    /** {@code names} empty means all, as in dbusmenu. */
    static Map<String, Variant<?>> variants(Map<String, Object> properties, Set<String> names) {
        Map<String, Variant<?>> out = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (names.isEmpty() || names.contains(name)) {
                out.put(name, new Variant<>(value));
            }
        });
        return out;
    }

    /** The items whose properties differ from {@code older}'s (same shape assumed). */
    List<MenuItemProperties> changedSince(MenuTree older) {
        return nodes.values().stream()
                .filter(node -> !node.properties().equals(older.nodes.get(node.id()).properties()))
                .map(node -> new MenuItemProperties(node.id(), variants(node.properties(), Set.of())))
                .toList();
    }

    /** The properties items had in {@code older} and no longer have (same shape assumed). */
    List<MenuItemRemovedProperties> removedSince(MenuTree older) {
        List<MenuItemRemovedProperties> removed = new ArrayList<>();
        for (Node node : nodes.values()) {
            List<String> gone = older.nodes.get(node.id()).properties().keySet().stream()
                    .filter(name -> !node.properties().containsKey(name)).sorted().toList();
            if (!gone.isEmpty()) {
                removed.add(new MenuItemRemovedProperties(node.id(), gone));
            }
        }
        return removed;
    }
}
