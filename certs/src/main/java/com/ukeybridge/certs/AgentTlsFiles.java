package com.ukeybridge.certs;

import java.nio.file.Path;
import java.security.KeyStore;

/**
 * The files {@code certs create --dir D} writes, and how the agent reads them:
 * {@code D/root.pem} (the root, public), {@code D/agent-cert.pem} (the agent's certificate
 * followed by the root) and {@code D/agent-key.pem} (its PKCS#8 key; both readable by the
 * user alone).
 */
public final class AgentTlsFiles {
    // CONTRACT ONLY: the certs work replaces every body below.
    public static final String ROOT = "root.pem";
    public static final String AGENT_CERTIFICATE = "agent-cert.pem";
    public static final String AGENT_KEY = "agent-key.pem";

    private AgentTlsFiles() {
    }

    /** Makes a fresh root, issues the agent's certificate from it, drops the root's key, writes the files. */
    public static void create(Path dir) {
        throw new UnsupportedOperationException();
    }

    /** The agent's key and chain as an in-memory keystore (alias {@code agent}, empty password) for Jetty. */
    public static KeyStore loadServerKeyStore(Path dir) {
        throw new UnsupportedOperationException();
    }
}
