package com.ukeybridge.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** The agent's TLS certificate, its private key, and the chain above it (the root). */
record AgentCredentials(X509Certificate certificate, PrivateKey privateKey, X509Certificate root) {

    /** Leaf first, then the root, the order TLS sends them in. */
    List<X509Certificate> chain() {
        return List.of(certificate, root);
    }
}
