package com.ukeybridge.token;

/** The token's user PIN is blocked. */
public final class PinLockedException extends TokenException {
    public PinLockedException(String message) {
        super(message);
    }
}
