package com.ukeybridge.site.ca;

import org.bouncycastle.operator.ContentSigner;

import java.security.cert.X509Certificate;

/** The issuing CA's key, wherever it lives, and its certificate. Thread-safe. */
public interface CaKey extends AutoCloseable {
    /** The CA's certificate (self-signed). */
    X509Certificate certificate();

    /** A fresh signer for one signature with the CA's private key. */
    ContentSigner newSigner();

    @Override
    default void close() {
    }
}
