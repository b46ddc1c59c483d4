package com.ukeybridge.agent.tray.sni;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/**
 * Two out-arguments of a D-Bus method, such as {@code GetLayout}'s revision and tree. Generic
 * because dbus-java reads the arguments' D-Bus types from the type parameters.
 */
public final class OutPair<A, B> extends Tuple {
    @Position(0)
    private final A first;
    @Position(1)
    private final B second;

    public OutPair(A first, B second) {
        this.first = first;
        this.second = second;
    }

    public A first() {
        return first;
    }

    public B second() {
        return second;
    }
}
