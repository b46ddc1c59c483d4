package com.ukeybridge.certs.trust;

import java.util.Objects;

/**
 * Which store: its kind (see {@link StoreKind}) and where it is (a directory, a file, or a
 * store name such as {@code LocalMachine\Root}).
 */
public record StoreId(StoreKind kind, String location) {
    public StoreId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String toString() {
        return kind.label() + " " + location;
    }
}
