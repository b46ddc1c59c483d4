package com.ukeybridge.token;

/** No certificate or key with the given {@code CKA_ID} is on the token. */
public final class ObjectNotFoundException extends TokenException {
    public ObjectNotFoundException(String message) {
        super(message);
    }
}
