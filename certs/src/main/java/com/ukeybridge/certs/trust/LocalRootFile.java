package com.ukeybridge.certs.trust;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;

import com.ukeybridge.certs.AgentTlsFiles;

/** The current root, {@code D/root.pem}: the file the stores are given and the certificate in it. */
public record LocalRootFile(Path file, X509Certificate certificate) {
    /** Every nickname and file name we give starts so; a person scanning a store sees who put it there. */
    static final String NAME_PREFIX = "UKey Bridge local root";

    public LocalRootFile {
        file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        Objects.requireNonNull(certificate, "certificate");
    }

    /**
     * Reads {@code D/root.pem}.
     *
     * @throws com.ukeybridge.certs.TlsFilesException when it is missing or not one certificate
     */
    public static LocalRootFile read(Path dir) {
        return new LocalRootFile(dir.resolve(AgentTlsFiles.ROOT), AgentTlsFiles.readRoot(dir));
    }

    KnownRoot known() {
        return KnownRoot.of(certificate);
    }

    String sha256() {
        return known().sha256();
    }

    /** 16 hex digits of the SHA-256 fingerprint: enough to tell our roots apart, short enough to read. */
    String shortId() {
        return sha256().replace(":", "").substring(0, 16);
    }

    /** The nickname in NSS databases; unique per root, so a new root never collides with an old one. */
    String nickname() {
        return NAME_PREFIX + " " + shortId();
    }
}
