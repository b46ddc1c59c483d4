package com.ukeybridge.token;

import java.util.Objects;

/**
 * The protocol's opaque {@code tokenId}: derived from what the token says of itself
 * (manufacturer, model, serial number, label), never from a slot number, so it is the
 * same after unplug, replug and agent restarts.
 */
public record TokenId(String value) {
    public TokenId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
