package com.ukeybridge.token;

/** The PIN's length is outside the token's limits; the token was not asked, so no try was spent. */
public final class PinLengthException extends TokenException {
    private final int minLength;
    private final int maxLength;

    public PinLengthException(int minLength, int maxLength) {
        super("PIN length must be between " + minLength + " and " + maxLength);
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }
}
