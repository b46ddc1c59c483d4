package com.ukeybridge.certs.trust;

/** A trust store could not be read or changed. The message says which store or command, and why. */
public class TrustStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TrustStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
