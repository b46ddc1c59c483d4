package com.ukeybridge.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads one PEM file from outside into typed values, or fails with an exception naming the
 * file and what is wrong with it. Text outside PEM blocks is ignored, as OpenSSL does; it is
 * read as ISO-8859-1 so a comment in any encoding cannot make the file unreadable.
 */
final class PemFile {
    private final Path file;
    private final List<PemObject> blocks;

    private PemFile(Path file, List<PemObject> blocks) {
        this.file = file;
        this.blocks = blocks;
    }

    static PemFile read(Path file) {
        List<PemObject> blocks = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
             PemReader pem = new PemReader(reader)) {
            for (PemObject block = pem.readPemObject(); block != null; block = pem.readPemObject()) {
                blocks.add(block);
            }
        } catch (NoSuchFileException e) {
            throw new TlsFileMissingException(file);
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            // Bad base64 surfaces as IOException, or on some paths as Bouncy Castle's unchecked DecoderException.
            throw new TlsFileMalformedException(file, "not readable as PEM (" + e.getMessage() + ")", e);
        }
        return new PemFile(file, List.copyOf(blocks));
    }

    /** All the certificates, in file order; at least one, and nothing but certificates. */
    List<X509Certificate> certificates() {
        if (blocks.isEmpty()) {
            throw new TlsFileMalformedException(file, "no CERTIFICATE block");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemObject block : blocks) {
                requireType(block, PemText.CERTIFICATE);
                certificates.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(block.getContent())));
            }
        } catch (GeneralSecurityException e) {
            throw new TlsFileMalformedException(file, "a CERTIFICATE block is not a valid certificate", e);
        }
        return List.copyOf(certificates);
    }

    /** The one unencrypted PKCS#8 EC private key the file holds. */
    PrivateKey ecPrivateKey() {
        if (blocks.size() != 1) {
            throw new TlsFileMalformedException(file, "expected exactly one PRIVATE KEY block, found " + blocks.size() + " blocks");
        }
        PemObject block = blocks.get(0);
        requireType(block, PemText.PRIVATE_KEY);
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(block.getContent());
            if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                throw new TlsFileMalformedException(file, "not an EC private key");
            }
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(block.getContent()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TlsFileMalformedException(file, "the PRIVATE KEY block is not a valid PKCS#8 key", e);
        }
    }

    private void requireType(PemObject block, String type) {
        if (!type.equals(block.getType())) {
            throw new TlsFileMalformedException(file, "expected " + type + ", found " + block.getType());
        }
    }
}
