package com.ukeybridge.token;

/** The token has no room left ({@code CKR_DEVICE_MEMORY}). */
public final class TokenFullException extends TokenException {
    public TokenFullException(String message) {
        super(message);
    }
}
