package com.ukeybridge.token;

/** Base of every failure a token operation reports; each subclass is one failure the protocol names. */
public abstract class TokenException extends RuntimeException {
    protected TokenException(String message) {
        super(message);
    }

    protected TokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
