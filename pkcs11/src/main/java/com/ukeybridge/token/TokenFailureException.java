package com.ukeybridge.token;

/** The token or its module failed in a way the protocol does not name more precisely. */
public final class TokenFailureException extends TokenException {
    private final String ckr;

    public TokenFailureException(String message, String ckr) {
        super(message);
        this.ckr = ckr;
    }

    public TokenFailureException(String message, String ckr, Throwable cause) {
        super(message, cause);
        this.ckr = ckr;
    }

    /** The PKCS#11 return value's name, e.g. {@code CKR_DEVICE_REMOVED}. */
    public String ckr() {
        return ckr;
    }
}
