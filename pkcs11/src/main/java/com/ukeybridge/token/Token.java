package com.ukeybridge.token;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One present, initialised token. Thread-safe: operations on it run one at a time; a caller
 * that waits longer than the registry's busy timeout gets {@link TokenBusyException}.
 * Every method may throw {@link TokenRemovedException} or {@link TokenFailureException}.
 * A new instance is made each time a token is inserted.
 */
public final class Token {
    // CONTRACT ONLY: the pkcs11 work replaces every body below.

    public TokenId id() { throw new UnsupportedOperationException(); }

    public TokenInfo info() { throw new UnsupportedOperationException(); }

    /** Whether the token (the whole process: PKCS#11 login is per application) is logged in as user. */
    public boolean isLoggedIn() { throw new UnsupportedOperationException(); }

    /**
     * Counts logins, logouts and anything that drops the login (module re-initialised); a login
     * recorded at one generation is void at another.
     */
    public long loginGeneration() { throw new UnsupportedOperationException(); }

    /** Public certificate objects, in a stable order. */
    public List<StoredCertificate> certificates() { throw new UnsupportedOperationException(); }

    /** {@code CKA_ID}s of the private keys visible in the token's current login state. */
    public Set<ObjectId> privateKeyIds() { throw new UnsupportedOperationException(); }

    /**
     * Logs in as user. If already logged in, logs out first so that the PIN is really checked.
     * The caller wipes {@code pin}.
     *
     * @throws PinLengthException before asking the token, when the length is outside its limits
     * @throws PinIncorrectException, PinLockedException
     */
    public void login(char[] pin) { throw new UnsupportedOperationException(); }

    public void logout() { throw new UnsupportedOperationException(); }

    /**
     * Signs {@code data} with the private key {@code keyId}: the digest is computed here.
     * ECDSA signatures come back DER-encoded.
     *
     * @throws NotLoggedInException, ObjectNotFoundException, UnsupportedKeyException
     */
    public byte[] sign(ObjectId keyId, SignatureAlgorithm algorithm, byte[] data) { throw new UnsupportedOperationException(); }

    /**
     * Generates a key pair on the token with a fresh random 20-byte {@code CKA_ID} on both
     * halves (private: token, private, sensitive, not extractable, sign).
     *
     * @throws NotLoggedInException, UnsupportedKeyException, TokenFullException
     */
    public GeneratedKeyPair generateKeyPair(KeyAlgorithm algorithm, String label) { throw new UnsupportedOperationException(); }

    /**
     * Stores {@code certificate} beside the private key it pairs with, reads it back and
     * compares; storing the same certificate again returns the same id and adds nothing.
     * With {@code replaces}, the old certificate and its key pair are destroyed only after
     * the new one is stored and read back; a retry after a failure finishes the job.
     *
     * @return the {@code CKA_ID} the certificate was stored under
     * @throws NotLoggedInException, CertificateKeyMismatchException, ObjectNotFoundException (replaces), TokenFullException
     */
    public ObjectId storeCertificate(X509Certificate certificate, Optional<String> label, Optional<ObjectId> replaces) {
        throw new UnsupportedOperationException();
    }

    /**
     * Destroys the key pair {@code keyId}, which must have no certificate.
     *
     * @throws NotLoggedInException, ObjectNotFoundException, KeyHasCertificateException
     */
    public void deleteKeyPair(ObjectId keyId) { throw new UnsupportedOperationException(); }
}
