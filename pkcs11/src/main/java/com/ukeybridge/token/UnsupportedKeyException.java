package com.ukeybridge.token;

import java.util.List;

/** The algorithm does not fit the key, or the token does not offer the mechanism it needs. */
public final class UnsupportedKeyException extends TokenException {
    private final List<String> supported;

    public UnsupportedKeyException(String message, List<String> supported) {
        super(message);
        this.supported = List.copyOf(supported);
    }

    /** Protocol names of what would have worked here. */
    public List<String> supported() {
        return supported;
    }
}
