package com.ukeybridge.token;

/** The operation needs the user to be logged in to the token. */
public final class NotLoggedInException extends TokenException {
    public NotLoggedInException(String message) {
        super(message);
    }
}
