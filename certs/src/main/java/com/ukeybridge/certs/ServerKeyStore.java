package com.ukeybridge.certs;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/** Turns the agent's PEM files into the in-memory keystore a TLS server (Jetty) is configured with. */
final class ServerKeyStore {
    static final String ALIAS = "agent";

    private ServerKeyStore() {
    }

    /** An empty password: the keystore never leaves memory, the files' permissions protect the key. */
    static char[] password() {
        return new char[0];
    }

    static KeyStore load(Path dir) {
        Path certificateFile = dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE);
        Path keyFile = dir.resolve(AgentTlsFiles.AGENT_KEY);
        List<X509Certificate> chain = PemFile.read(certificateFile).certificates();
        PrivateKey key = PemFile.read(keyFile).ecPrivateKey();
        requireChained(certificateFile, chain);
        requirePair(keyFile, key, chain.get(0));
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password(), chain.toArray(new X509Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("This Java runtime cannot build a PKCS12 keystore", e);
        }
    }

    /** Each certificate must be signed by the next; a TLS client would reject the chain otherwise. */
    private static void requireChained(Path file, List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new TlsFileMalformedException(file,
                        "certificate " + (i + 1) + " is not signed by certificate " + (i + 2), e);
            }
        }
    }

    /**
     * A key file from one run beside a certificate from another (an interrupted re-create)
     * would fail every handshake with an obscure error; say so here instead.
     */
    private static void requirePair(Path keyFile, PrivateKey key, X509Certificate certificate) {
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(EcKeys.SIGNATURE_ALGORITHM);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(EcKeys.SIGNATURE_ALGORITHM);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new TlsFileMalformedException(keyFile,
                        "the key does not belong to the certificate in " + AgentTlsFiles.AGENT_CERTIFICATE);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsFileMalformedException(keyFile,
                    "the key cannot be used with the certificate in " + AgentTlsFiles.AGENT_CERTIFICATE, e);
        }
    }
}
