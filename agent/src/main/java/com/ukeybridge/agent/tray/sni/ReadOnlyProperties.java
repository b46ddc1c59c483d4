package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.errors.PropertyReadOnly;
import org.freedesktop.dbus.errors.UnknownProperty;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

import java.util.Map;

/**
 * {@code org.freedesktop.DBus.Properties} for an exported object whose properties hosts only
 * read: the item and its menu. An empty interface name means "any", as the specification allows.
 */
abstract class ReadOnlyProperties implements Properties {
    private final String interfaceName;

    ReadOnlyProperties(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    /** The properties as they are now. */
    abstract Map<String, Variant<?>> properties();

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        Variant<?> value = properties().get(propertyName);
        if (value == null || !isOurs(interfaceName)) {
            throw new UnknownProperty("no property " + interfaceName + "." + propertyName);
        }
        return (A) value;
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        throw new PropertyReadOnly(propertyName + " is read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        return isOurs(interfaceName) ? properties() : Map.of();
    }

    private boolean isOurs(String requested) {
        return requested.isEmpty() || interfaceName.equals(requested);
    }
}
