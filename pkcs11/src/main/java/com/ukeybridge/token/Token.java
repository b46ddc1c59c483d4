package com.ukeybridge.token;

import com.ukeybridge.pkcs11.Pkcs11Exception;
import com.ukeybridge.pkcs11.Pkcs11Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_KEY_TYPE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKK_EC;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKK_RSA;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKM_ECDSA;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKM_RSA_PKCS;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKO_CERTIFICATE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKO_PRIVATE_KEY;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKO_PUBLIC_KEY;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_CURVE_NOT_SUPPORTED;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_DEVICE_MEMORY;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_DOMAIN_PARAMS_INVALID;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_KEY_SIZE_RANGE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_MECHANISM_INVALID;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_PIN_INCORRECT;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_PIN_LEN_RANGE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_PIN_LOCKED;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_USER_ALREADY_LOGGED_IN;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_USER_NOT_LOGGED_IN;

/**
 * One present, initialised token. Thread-safe: operations on it run one at a time; a caller
 * that waits longer than the registry's busy timeout gets {@link TokenBusyException}.
 * Every method may throw {@link TokenRemovedException} or {@link TokenFailureException}.
 * A new instance is made each time a token is inserted.
 *
 * <p>The token keeps one read/write session open for its whole life: closing the last session
 * of a token logs the application out of it, in PKCS#11.
 */
public final class Token implements KeyToken {
    private static final Logger LOG = LoggerFactory.getLogger(Token.class);
    private static final Set<Long> UNSUPPORTED_GENERATION = Set.of(CKR_MECHANISM_INVALID, CKR_CURVE_NOT_SUPPORTED,
            CKR_DOMAIN_PARAMS_INVALID, CKR_KEY_SIZE_RANGE);

    private final LoadedModule module;
    private final long slot;
    private final TokenId id;
    private final Duration busyTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong loginChanges = new AtomicLong();
    private volatile TokenInfo info;
    private volatile boolean removed;
    private volatile boolean loggedIn;
    private volatile long loginEpoch;

    // Guarded by lock.
    private Pkcs11Session session;
    private final PinVerifier pinVerifier = new PinVerifier();
    private long sessionEpoch;

    // The registry's last view of the certificates, to tell when they change; guarded by the registry.
    private List<StoredCertificate> lastSeenCertificates;

    Token(LoadedModule module, long slot, TokenInfo info, Duration busyTimeout) {
        this.module = module;
        this.slot = slot;
        this.info = info;
        this.id = TokenIdDerivation.derive(info);
        this.busyTimeout = busyTimeout;
    }

    public TokenId id() {
        return id;
    }

    /** The token's description as last read: at insertion, at each poll, and after each login attempt (PIN flags change). */
    public TokenInfo info() {
        return info;
    }

    /** Whether the token (the whole process: PKCS#11 login is per application) is logged in as user. */
    public boolean isLoggedIn() {
        return loggedIn && loginEpoch == module.epoch() && !removed;
    }

    /**
     * Counts logins, logouts and anything that drops the login (module re-initialised); a login
     * recorded at one generation is void at another.
     */
    public long loginGeneration() {
        // Both counts only grow, so their sum changes whenever either does.
        return loginChanges.get() + module.epoch();
    }

    /** Public certificate objects, in a stable order. */
    public List<StoredCertificate> certificates() {
        return operate("list certificates", s -> new TokenObjects(s).certificates());
    }

    /** {@code CKA_ID}s of the private keys visible in the token's current login state. */
    public Set<ObjectId> privateKeyIds() {
        return operate("list private keys", s -> {
            TokenObjects objects = new TokenObjects(s);
            return objects.find(CKO_PRIVATE_KEY).stream().map(objects::id).collect(Collectors.toUnmodifiableSet());
        });
    }

    /**
     * Logs in as user. If already logged in, logs out first so that the PIN is really checked.
     * The caller wipes {@code pin}; the UTF-8 copy made here is wiped before returning.
     *
     * @throws PinLengthException before asking the token, when the length is outside its limits
     * @throws PinIncorrectException, PinLockedException
     */
    public void login(char[] pin) {
        withPin("login", pin, this::logIn);
    }

    /**
     * Makes sure the token is logged in as user with {@code pin}, without ending a login that
     * other connections rely on (protocol v2): when the token is logged out, this is
     * {@code C_Login}; when it is logged in, the PIN is compared with the one it was logged in
     * with (a keyed hash kept for the login's lifetime, see {@link PinVerifier}), and a PIN that
     * differs is handed to the token with {@code C_SetPIN(pin, pin)}, so that the token itself
     * judges it and counts a wrong try while the login stays. A token that cannot take
     * {@code C_SetPIN} then is logged out and in again, as {@link #login} does.
     * The caller wipes {@code pin}.
     *
     * @throws PinLengthException before asking the token, when the length is outside its limits
     * @throws PinIncorrectException, PinLockedException
     */
    public void verifyPin(char[] pin) {
        withPin("verify PIN", pin, this::verifyLoggedIn);
    }

    /** Runs {@code use} on the PIN's UTF-8 bytes once their length fits the token's limits; the bytes are wiped after. */
    private void withPin(String what, char[] pin, BiConsumer<Pkcs11Session, byte[]> use) {
        byte[] utf8 = utf8(pin);
        try {
            TokenInfo limits = info;
            if (utf8.length < limits.minPinLength() || utf8.length > limits.maxPinLength()) {
                throw new PinLengthException(limits.minPinLength(), limits.maxPinLength());
            }
            operate(what, s -> {
                use.accept(s, utf8);
                return null;
            });
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /** Reads the token's description (its PIN flags above all) afresh, rather than as last polled. */
    public TokenInfo refreshInfo() {
        return operate("read token info", s -> rereadInfo());
    }

    public void logout() {
        operate("logout", s -> {
            logOut(s);
            return null;
        });
    }

    /**
     * Signs {@code data} with the private key {@code keyId}: the digest is computed here.
     * ECDSA signatures come back DER-encoded.
     *
     * @throws NotLoggedInException, ObjectNotFoundException, UnsupportedKeyException
     */
    public byte[] sign(ObjectId keyId, SignatureAlgorithm algorithm, byte[] data) {
        return operate("sign", s -> {
            requireLogin();
            long key = new TokenObjects(s).find(CKO_PRIVATE_KEY, keyId).stream().findFirst()
                    .orElseThrow(() -> new ObjectNotFoundException("no private key with id " + keyId));
            long keyType = s.attributes(key, CKA_KEY_TYPE).ulong(CKA_KEY_TYPE).orElse(-1L);
            SignatureAlgorithm.KeyType family = keyType == CKK_RSA ? SignatureAlgorithm.KeyType.RSA
                    : keyType == CKK_EC ? SignatureAlgorithm.KeyType.EC : null;
            if (family != algorithm.keyType()) {
                throw new UnsupportedKeyException(algorithm.protocolName() + " does not fit key " + keyId, algorithmsFor(family));
            }
            try {
                return switch (family) {
                    case RSA -> s.sign(CKM_RSA_PKCS, key, Sha256DigestInfo.of(data));
                    case EC -> EcdsaSignatureFormat.toDer(s.sign(CKM_ECDSA, key, Sha256DigestInfo.digest(data)));
                    // Never reached: a PKCS#11 key is RSA or EC, and the check above refused anything else.
                    case SM2 -> throw new UnsupportedKeyException("SM2 keys are on SKF tokens", List.of());
                };
            } catch (Pkcs11Exception e) {
                if (e.code() == CKR_MECHANISM_INVALID) {
                    throw new UnsupportedKeyException("the token does not offer " + algorithm.protocolName(), List.of());
                }
                throw e;
            }
        });
    }

    /**
     * Generates a key pair on the token with a fresh random 20-byte {@code CKA_ID} on both
     * halves (private: token, private, sensitive, not extractable, sign).
     *
     * @throws NotLoggedInException, UnsupportedKeyException, TokenFullException
     */
    public GeneratedKeyPair generateKeyPair(KeyAlgorithm algorithm, String label) {
        if (algorithm == KeyAlgorithm.SM2) {
            // SM2 keys live on SKF (GM) tokens; the agent's PKCS#11 layer makes RSA and EC keys only.
            throw new UnsupportedKeyException("a PKCS#11 token makes no SM2 keys here", keyAlgorithmsOffered(algorithm));
        }
        return operate("generate key pair", s -> {
            requireLogin();
            try {
                return new KeyGeneration(s).generate(algorithm, label);
            } catch (Pkcs11Exception e) {
                if (UNSUPPORTED_GENERATION.contains(e.code())) {
                    throw new UnsupportedKeyException("the token cannot generate " + algorithm.protocolName()
                            + " keys (" + e.codeName() + ")", keyAlgorithmsOffered(algorithm));
                }
                throw e;
            }
        });
    }

    /**
     * Stores {@code certificate} beside the private key it pairs with, reads it back and
     * compares; storing the same certificate again returns the same id and adds nothing.
     * With {@code replaces}, the old certificate and its key pair are destroyed only after
     * the new one is stored and read back; a retry after a failure finishes the job.
     *
     * @return the {@code CKA_ID} the certificate was stored under
     * @throws NotLoggedInException, CertificateKeyMismatchException, ObjectNotFoundException (replaces), TokenFullException
     * @throws IllegalArgumentException when {@code replaces} is empty or names the certificate's own key pair
     */
    public ObjectId storeCertificate(X509Certificate certificate, Optional<String> label, Optional<ObjectId> replaces) {
        return operate("store certificate", s -> {
            requireLogin();
            return new CertificateWriter(new TokenObjects(s)).store(certificate, label, replaces);
        });
    }

    /**
     * Destroys the key pair {@code keyId}, which must have no certificate.
     *
     * @throws NotLoggedInException, ObjectNotFoundException, KeyHasCertificateException
     */
    public void deleteKeyPair(ObjectId keyId) {
        operate("delete key pair", s -> {
            requireLogin();
            TokenObjects objects = new TokenObjects(s);
            List<Long> privateKeys = objects.find(CKO_PRIVATE_KEY, keyId);
            List<Long> publicKeys = objects.find(CKO_PUBLIC_KEY, keyId);
            if (privateKeys.isEmpty() && publicKeys.isEmpty()) {
                throw new ObjectNotFoundException("no key with id " + keyId);
            }
            if (!objects.find(CKO_CERTIFICATE, keyId).isEmpty()) {
                throw new KeyHasCertificateException("key pair " + keyId + " has a certificate");
            }
            for (long key : privateKeys) {
                s.destroy(key);
            }
            for (long key : publicKeys) {
                s.destroy(key);
            }
            LOG.info("key pair {} destroyed on token {}", keyId, id);
            return null;
        });
    }

    @Override
    public String toString() {
        return "Token[" + id + " \"" + info.label() + "\"]";
    }

    // ---- for the registry

    long slot() {
        return slot;
    }

    LoadedModule module() {
        return module;
    }

    void updateInfo(TokenInfo latest) {
        info = latest;
    }

    boolean isRemoved() {
        return removed;
    }

    /** The certificates now, unless an operation holds the token: the registry skips a busy token rather than wait. */
    Optional<List<StoredCertificate>> certificatesIfIdle() {
        return tryOperate("list certificates", s -> new TokenObjects(s).certificates());
    }

    List<StoredCertificate> lastSeenCertificates() {
        return lastSeenCertificates;
    }

    void lastSeenCertificates(List<StoredCertificate> certificates) {
        lastSeenCertificates = certificates;
    }

    /** The token is gone (or the registry closed): later calls throw {@link TokenRemovedException}. */
    void markRemoved() {
        removed = true;
        if (lock.tryLock()) {
            try {
                closeSessionQuietly();
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- running operations

    private <T> T operate(String what, Function<Pkcs11Session, T> operation) {
        ensurePresent();
        try {
            if (!lock.tryLock(busyTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TokenBusyException("token " + id + " was busy for over " + busyTimeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenBusyException("interrupted while waiting for token " + id);
        }
        try {
            return runLocked(what, operation);
        } finally {
            lock.unlock();
        }
    }

    private <T> Optional<T> tryOperate(String what, Function<Pkcs11Session, T> operation) {
        if (removed || !lock.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(runLocked(what, operation));
        } finally {
            lock.unlock();
        }
    }

    private <T> T runLocked(String what, Function<Pkcs11Session, T> operation) {
        ensurePresent();
        long[] ranAt = new long[1];
        Pkcs11Exception failure;
        try {
            return module.shared(() -> {
                ranAt[0] = module.epoch();
                return operation.apply(session());
            });
        } catch (Pkcs11Exception e) {
            if (!LoadedModule.needsReinitialisation(e)) {
                throw translate(what, e);
            }
            failure = e;
        }
        // Our session is gone with the token's state: start the library afresh, then see whether the token came back.
        LOG.warn("{} on token {} failed with {}: re-initialising {}", what, id, failure.codeName(), module.library());
        session = null;
        module.reinitialize(ranAt[0]);
        if (!module.holds(slot, id)) {
            removed = true;
            throw new TokenRemovedException("token " + id + " was removed");
        }
        throw new TokenFailureException(what + " failed: " + failure.codeName(), failure.codeName(), failure);
    }

    private Pkcs11Session session() {
        long epoch = module.epoch();
        if (session == null || sessionEpoch != epoch) {
            // A session from before a re-initialisation is void; there is nothing to close.
            session = module.pkcs11().openSession(slot);
            sessionEpoch = epoch;
        }
        return session;
    }

    private void closeSessionQuietly() {
        if (session != null && sessionEpoch == module.epoch()) {
            try {
                module.shared(() -> {
                    session.close();
                    return null;
                });
            } catch (Pkcs11Exception e) {
                LOG.debug("closing session of token {}: {}", id, e.getMessage());
            }
        }
        session = null;
    }

    private void ensurePresent() {
        if (removed) {
            throw new TokenRemovedException("token " + id + " is no longer present");
        }
    }

    private void requireLogin() {
        if (!isLoggedIn()) {
            throw new NotLoggedInException("token " + id + " needs the user PIN first");
        }
    }

    private TokenException translate(String what, Pkcs11Exception e) {
        if (e.code() == CKR_USER_NOT_LOGGED_IN) {
            loggedIn = false;
            pinVerifier.forget();
            return new NotLoggedInException("token " + id + " needs the user PIN first");
        }
        if (e.code() == CKR_DEVICE_MEMORY) {
            return new TokenFullException("token " + id + " has no room left");
        }
        if (e.code() == CKR_PIN_LOCKED) {
            return new PinLockedException("the user PIN of token " + id + " is blocked");
        }
        return new TokenFailureException(what + " failed: " + e.codeName(), e.codeName(), e);
    }

    // ---- login

    private void logIn(Pkcs11Session s, byte[] pin) {
        if (isLoggedIn()) {
            logOut(s);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                s.login(pin);
                break;
            } catch (Pkcs11Exception e) {
                if (e.code() == CKR_USER_ALREADY_LOGGED_IN && attempt == 0) {
                    // Logged in behind our back (PKCS#11 login is per application): log out so the PIN is checked.
                    s.logout();
                    continue;
                }
                throw loginFailure(s, e);
            }
        }
        loginEpoch = module.epoch();
        loggedIn = true;
        loginChanges.incrementAndGet();
        pinVerifier.remember(pin);
        rereadInfo();
        LOG.info("logged in to token {}", id);
    }

    private void verifyLoggedIn(Pkcs11Session s, byte[] pin) {
        if (!isLoggedIn()) {
            logIn(s, pin);
            return;
        }
        if (pinVerifier.matches(pin)) {
            LOG.info("PIN for token {} matches its current login", id);
            return;
        }
        try {
            s.checkPinBySettingItAgain(pin);
        } catch (Pkcs11Exception e) {
            if (e.code() == CKR_PIN_INCORRECT || e.code() == CKR_PIN_LOCKED || e.code() == CKR_PIN_LEN_RANGE) {
                throw loginFailure(s, e);
            }
            LOG.warn("token {} cannot check a PIN while logged in ({}): logging in again, which ends the other logins", id, e.codeName());
            logIn(s, pin);
            return;
        }
        // The token took a PIN other than the one it was logged in with: changed meanwhile, elsewhere.
        pinVerifier.remember(pin);
        rereadInfo();
        LOG.info("PIN for token {} checked by the token during its login", id);
    }

    private RuntimeException loginFailure(Pkcs11Session s, Pkcs11Exception e) {
        if (e.code() == CKR_PIN_INCORRECT) {
            // Only the token knows how many tries remain; its flags tell us when one does.
            boolean finalTry = rereadInfo().pinFinalTry();
            LOG.info("wrong PIN for token {}{}", id, finalTry ? " (final try left)" : "");
            return new PinIncorrectException(finalTry ? OptionalInt.of(1) : OptionalInt.empty(), finalTry);
        }
        if (e.code() == CKR_PIN_LOCKED) {
            rereadInfo();
            return new PinLockedException("the user PIN of token " + id + " is blocked");
        }
        if (e.code() == CKR_PIN_LEN_RANGE) {
            return new PinLengthException(info.minPinLength(), info.maxPinLength());
        }
        return e;
    }

    private void logOut(Pkcs11Session s) {
        try {
            s.logout();
        } catch (Pkcs11Exception e) {
            if (e.code() != CKR_USER_NOT_LOGGED_IN) {
                throw e;
            }
        }
        loggedIn = false;
        pinVerifier.forget();
        loginChanges.incrementAndGet();
    }

    private TokenInfo rereadInfo() {
        try {
            TokenInfos.of(module.pkcs11().tokenInfo(slot)).ifPresent(latest -> info = latest);
        } catch (Pkcs11Exception e) {
            LOG.debug("re-reading token info of {}: {}", id, e.getMessage());
        }
        return info;
    }

    private static byte[] utf8(char[] pin) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(pin));
            byte[] bytes = Arrays.copyOf(encoded.array(), encoded.limit());
            Arrays.fill(encoded.array(), (byte) 0);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the PIN is not valid text", e);
        }
    }

    private static List<String> algorithmsFor(SignatureAlgorithm.KeyType family) {
        return Arrays.stream(SignatureAlgorithm.values()).filter(a -> a.keyType() == family)
                .map(SignatureAlgorithm::protocolName).toList();
    }

    private List<String> keyAlgorithmsOffered(KeyAlgorithm failed) {
        try {
            List<Long> mechanisms = module.pkcs11().mechanisms(slot);
            return Arrays.stream(KeyAlgorithm.values())
                    .filter(a -> a != failed && mechanisms.contains(KeyGeneration.mechanism(a)))
                    .map(KeyAlgorithm::protocolName).toList();
        } catch (Pkcs11Exception e) {
            return List.of();
        }
    }
}
