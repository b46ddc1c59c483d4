package com.ukeybridge.agent.skf;

import com.ukeybridge.skf.EccPublicKey;
import com.ukeybridge.token.CertificateUsage;
import com.ukeybridge.token.ObjectId;

import java.util.Optional;

/**
 * What one SKF container held when read: its signing key pair (made on the device) and
 * encryption key pair (delivered by a KMC), each with its certificate, any of them missing.
 */
record SkfContainer(String name, Optional<EccPublicKey> signingKey, Optional<byte[]> signingCertificate,
                    Optional<EccPublicKey> encryptionKey, Optional<byte[]> encryptionCertificate) {

    ObjectId signingId() {
        return SkfIds.of(name, CertificateUsage.SIGNING);
    }

    ObjectId encryptionId() {
        return SkfIds.of(name, CertificateUsage.ENCRYPTION);
    }

    /** Whether {@code id} is this container's signing or encryption id. */
    boolean holds(ObjectId id) {
        return signingId().equals(id) || encryptionId().equals(id);
    }

    boolean hasCertificate() {
        return signingCertificate.isPresent() || encryptionCertificate.isPresent();
    }

    /** Its encryption key pair and certificate are both there. */
    boolean hasEncryptionPair() {
        return encryptionKey.isPresent() && encryptionCertificate.isPresent();
    }
}
