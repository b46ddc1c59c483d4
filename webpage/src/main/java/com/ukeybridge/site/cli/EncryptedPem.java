package com.ukeybridge.site.cli;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObject;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** A private key as {@code ENCRYPTED PRIVATE KEY} PEM: PKCS#8 under PBES2 (AES-256-CBC, PBKDF2), which OpenSSL reads. */
final class EncryptedPem {
    static final int MIN_PASSPHRASE = 8;

    private EncryptedPem() {
    }

    /** @throws IllegalArgumentException when the passphrase is shorter than {@value #MIN_PASSPHRASE} characters */
    static char[] checked(char[] passphrase) {
        if (passphrase.length < MIN_PASSPHRASE) {
            throw new IllegalArgumentException("the passphrase must have at least " + MIN_PASSPHRASE + " characters");
        }
        return passphrase;
    }

    static String pkcs8(PrivateKeyInfo key, char[] passphrase) {
        try {
            PemObject pem = new PKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(com.ukeybridge.site.ca.Signatures.PROVIDER).setPassword(passphrase).build()).generate();
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(pem);
            }
            return text.toString();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot encrypt the recovered key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
