package com.ukeybridge.site.ra;

/** A certificate offered for import was not issued by a trusted issuer, or its signature does not verify. */
public final class UntrustedCertificateException extends RuntimeException {
    public UntrustedCertificateException(String message) {
        super(message);
    }
}
