package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.List;

/**
 * {@code com.canonical.dbusmenu}: the item's menu, which the host draws in its own toolkit.
 * Items are numbered, 0 being the root; the host fetches the tree with {@link #GetLayout} and
 * reports clicks with {@link #Event}.
 */
@DBusInterfaceName("com.canonical.dbusmenu")
@DBusProperty(name = "Version", type = UInt32.class, access = Access.READ)
@DBusProperty(name = "TextDirection", type = String.class, access = Access.READ)
@DBusProperty(name = "Status", type = String.class, access = Access.READ)
@DBusProperty(name = "IconThemePath", type = String[].class, access = Access.READ)
public interface DBusMenu extends DBusInterface {
    /** Where the menu lives on the item's connection (the item's {@code Menu} property). */
    String PATH = "/MenuBar";

    /**
     * The subtree under {@code parentId}, {@code recursionDepth} levels deep (-1: all), with only
     * {@code propertyNames} (empty: all), and the layout's revision.
     */
    OutPair<UInt32, MenuLayout> GetLayout(int parentId, int recursionDepth, String[] propertyNames);

    /** The properties of several items ({@code propertyNames} empty: all). */
    List<MenuItemProperties> GetGroupProperties(int[] ids, String[] propertyNames);

    Variant<?> GetProperty(int id, String name);

    /** Something happened to item {@code id}: {@code "clicked"}, {@code "hovered"}, {@code "opened"}, {@code "closed"}. */
    void Event(int id, String eventId, Variant<?> data, UInt32 timestamp);

    /** Several {@link #Event}s at once; returns the ids that were not found. */
    int[] EventGroup(List<MenuEvent> events);

    /** The menu under {@code id} is about to be shown; true when the host should fetch the layout again. */
    boolean AboutToShow(int id);

    /** Returns the ids whose layout the host should fetch again, and the ids not found. */
    OutPair<int[], int[]> AboutToShowGroup(int[] ids);

    /** Properties of some items changed; the host updates them in place. */
    class ItemsPropertiesUpdated extends DBusSignal {
        public final List<MenuItemProperties> updatedProps;
        public final List<MenuItemRemovedProperties> removedProps;

        public ItemsPropertiesUpdated(String path, List<MenuItemProperties> updatedProps,
                                      List<MenuItemRemovedProperties> removedProps) throws DBusException {
            super(path, updatedProps, removedProps);
            this.updatedProps = updatedProps;
            this.removedProps = removedProps;
        }
    }

    /** The tree under {@code parent} changed; the host fetches it again. */
    class LayoutUpdated extends DBusSignal {
        public final UInt32 revision;
        public final int parent;

        public LayoutUpdated(String path, UInt32 revision, int parent) throws DBusException {
            super(path, revision, parent);
            this.revision = revision;
            this.parent = parent;
        }
    }

    class ItemActivationRequested extends DBusSignal {
        public final int id;
        public final UInt32 timestamp;

        public ItemActivationRequested(String path, int id, UInt32 timestamp) throws DBusException {
            super(path, id, timestamp);
            this.id = id;
            this.timestamp = timestamp;
        }
    }
}
