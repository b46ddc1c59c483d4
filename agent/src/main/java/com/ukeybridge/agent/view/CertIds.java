package com.ukeybridge.agent.view;

import com.ukeybridge.token.StoredCertificate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The protocol's {@code certId}: lowercase hex of {@code CKA_ID}, or, for a certificate stored
 * without one, {@code sha1-} and the hex SHA-1 of its DER.
 */
public final class CertIds {
    public static final String SHA1_PREFIX = "sha1-";

    private CertIds() {
    }

    public static String of(StoredCertificate certificate) {
        return certificate.id().isEmpty()
                ? SHA1_PREFIX + sha1Hex(certificate.der())
                : certificate.id().hex();
    }

    public static String sha1Hex(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
