package com.ukeybridge.site.store;

import java.util.Optional;

/**
 * A GM key's two certificates, one pair (issue 11).
 *
 * @param escrow       the KMC's escrow of the encryption private key (pairs issued here; imported ones have none)
 * @param envelopedKey the envelope delivered to the key (pairs issued here), resent unchanged on a resume
 */
public record CertificatePair(long signingCertificateId, long encryptionCertificateId, Optional<byte[]> escrow,
                              Optional<byte[]> envelopedKey) {
}
