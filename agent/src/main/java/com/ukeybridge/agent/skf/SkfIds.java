package com.ukeybridge.agent.skf;

import com.ukeybridge.token.CertificateUsage;
import com.ukeybridge.token.ObjectId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The ids an SKF key and certificate get in the protocol ({@code keyId}, {@code certId}): the
 * first 16 bytes of SHA-256 over the container's name, then one byte for the usage (01 signing,
 * 02 encryption). Stable for as long as the container exists, whatever tool named it.
 */
final class SkfIds {
    private static final int CONTAINER_BYTES = 16;

    private SkfIds() {
    }

    static ObjectId of(String containerName, CertificateUsage usage) {
        byte[] id = Arrays.copyOf(sha256(containerName), CONTAINER_BYTES + 1);
        id[CONTAINER_BYTES] = (byte) (usage == CertificateUsage.SIGNING ? 1 : 2);
        return ObjectId.of(id);
    }

    private static byte[] sha256(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
