package com.ukeybridge.token;

/** The token is no longer present (removed, or its module was re-initialised and it did not come back). */
public final class TokenRemovedException extends TokenException {
    public TokenRemovedException(String message) {
        super(message);
    }
}
