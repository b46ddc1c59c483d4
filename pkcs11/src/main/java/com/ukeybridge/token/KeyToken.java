package com.ukeybridge.token;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A present token as the protocol sees it, whichever interface its vendor library speaks:
 * PKCS#11 ({@link Token}) or SKF (GM/T 0016, the agent's SKF backend). Thread-safe; every method
 * may throw {@link TokenRemovedException} or {@link TokenFailureException}.
 *
 * <p>{@link ObjectId} ties a certificate to its key: {@code CKA_ID} in PKCS#11, an id derived from
 * the container and the key's usage in SKF.
 */
public interface KeyToken {
    TokenId id();

    /** The token's description as last read. */
    TokenInfo info();

    /** Whether the token (for the whole process) is logged in as user. */
    boolean isLoggedIn();

    /** Changes whenever the token's login begins or ends; a login recorded at one generation is void at another. */
    long loginGeneration();

    /** The certificates on the token, in a stable order. */
    List<StoredCertificate> certificates();

    /** The ids of the private keys visible in the token's current login state. */
    Set<ObjectId> privateKeyIds();

    /**
     * Logs in as user, so that the PIN is really checked. The caller wipes {@code pin}.
     *
     * @throws PinLengthException, PinIncorrectException, PinLockedException
     */
    void login(char[] pin);

    /**
     * Makes sure the token is logged in as user with {@code pin} without ending a login other
     * connections rely on (protocol v2). The caller wipes {@code pin}.
     *
     * @throws PinLengthException, PinIncorrectException, PinLockedException
     */
    void verifyPin(char[] pin);

    /** Reads the token's description (its PIN state above all) afresh. */
    TokenInfo refreshInfo();

    void logout();

    /**
     * The PIN's retry counter, for tokens that tell it (SKF does; PKCS#11 has only the
     * count-low and final-try flags of {@link TokenInfo}).
     */
    default Optional<PinCounter> pinCounter() {
        return Optional.empty();
    }

    /**
     * Signs {@code data} with the private key {@code keyId}; the digest is computed here.
     *
     * @throws NotLoggedInException, ObjectNotFoundException, UnsupportedKeyException
     */
    byte[] sign(ObjectId keyId, SignatureAlgorithm algorithm, byte[] data);

    /**
     * Generates a signing key pair on the token.
     *
     * @throws NotLoggedInException, UnsupportedKeyException, TokenFullException
     */
    GeneratedKeyPair generateKeyPair(KeyAlgorithm algorithm, String label);

    /**
     * Stores a (signing) certificate beside the private key it pairs with, reads it back and
     * compares. With {@code replaces}, the old certificate and its keys go only after the new one
     * is stored and read back.
     *
     * @return the id the certificate was stored under
     * @throws NotLoggedInException, CertificateKeyMismatchException, ObjectNotFoundException, TokenFullException
     * @throws IllegalArgumentException when {@code replaces} names the certificate's own key pair
     */
    ObjectId storeCertificate(X509Certificate certificate, Optional<String> label, Optional<ObjectId> replaces);

    /**
     * Loads an encryption key pair, delivered enveloped to the signing key {@code signingKeyId},
     * and its certificate beside that signing key (GM keys' dual certificates). With
     * {@code replaces}, the old keys and certificates go only after the new pair is complete and
     * read back. Tokens without encryption key pairs refuse with {@link UnsupportedKeyException}.
     *
     * @param envelopedKey the key pair's envelope, as the token's standard encodes it
     * @return the id the encryption certificate was stored under
     * @throws NotLoggedInException, ObjectNotFoundException, CertificateKeyMismatchException,
     *         InvalidEnvelopeException, UnsupportedKeyException
     */
    default ObjectId storeEncryptionPair(ObjectId signingKeyId, X509Certificate certificate, byte[] envelopedKey,
                                         Optional<ObjectId> replaces) {
        throw new UnsupportedKeyException("token " + id() + " holds no encryption key pairs", List.of());
    }

    /**
     * Destroys the key pair {@code keyId}, which must have no certificate.
     *
     * @throws NotLoggedInException, ObjectNotFoundException, KeyHasCertificateException
     */
    void deleteKeyPair(ObjectId keyId);
}
