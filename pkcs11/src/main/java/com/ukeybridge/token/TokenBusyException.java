package com.ukeybridge.token;

/** Another operation held the token for longer than the wait allowed. */
public final class TokenBusyException extends TokenException {
    public TokenBusyException(String message) {
        super(message);
    }
}
