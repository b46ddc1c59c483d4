package com.ukeybridge.token;

import java.util.OptionalInt;

/** The token refused the PIN. {@code retriesLeft} is known only where the token tells it. */
public final class PinIncorrectException extends TokenException {
    private final OptionalInt retriesLeft;
    private final boolean finalTry;

    public PinIncorrectException(OptionalInt retriesLeft, boolean finalTry) {
        super("incorrect PIN");
        this.retriesLeft = retriesLeft;
        this.finalTry = finalTry;
    }

    public OptionalInt retriesLeft() {
        return retriesLeft;
    }

    public boolean finalTry() {
        return finalTry;
    }
}
