package com.ukeybridge.pkcs11;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code C_GetAttributeValue} answered for one object. An attribute the object does not have,
 * or keeps secret ({@code CKR_ATTRIBUTE_SENSITIVE}), is simply absent.
 */
public final class AttributeValues {
    private final Map<Long, byte[]> values;

    AttributeValues(Map<Long, byte[]> values) {
        this.values = new HashMap<>();
        values.forEach((k, v) -> this.values.put(k, v.clone()));
    }

    public boolean has(long type) {
        return values.containsKey(type);
    }

    public Optional<byte[]> bytes(long type) {
        return Optional.ofNullable(values.get(type)).map(byte[]::clone);
    }

    /** Empty also for a value that is not a {@code CK_ULONG} (4 or 8 bytes): a broken token's, as unusable as none. */
    public Optional<Long> ulong(long type) {
        return Optional.ofNullable(values.get(type)).filter(v -> v.length == 4 || v.length == 8).map(Ulong::decode);
    }

    public Optional<Boolean> bool(long type) {
        return Optional.ofNullable(values.get(type)).filter(v -> v.length == 1).map(v -> v[0] != 0);
    }

    public Optional<String> string(long type) {
        return Optional.ofNullable(values.get(type)).map(v -> new String(v, StandardCharsets.UTF_8));
    }
}
