package com.ukeybridge.token;

/** The key pair still has a certificate, so it is not ours to delete. */
public final class KeyHasCertificateException extends TokenException {
    public KeyHasCertificateException(String message) {
        super(message);
    }
}
