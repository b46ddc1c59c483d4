package com.ukeybridge.site.kmc;

/** The KMC cannot do what was asked: its master key is missing or wrong, or an escrow does not open. */
public final class KmcException extends RuntimeException {
    public KmcException(String message) {
        super(message);
    }

    public KmcException(String message, Throwable cause) {
        super(message, cause);
    }
}
