package com.ukeybridge.agent.skf;

import com.ukeybridge.skf.DeviceInfo;
import com.ukeybridge.skf.EccPublicKey;
import com.ukeybridge.skf.EnvelopedKey;
import com.ukeybridge.skf.Handles;
import com.ukeybridge.skf.PinInfo;
import com.ukeybridge.skf.PinRejectedException;
import com.ukeybridge.skf.PinType;
import com.ukeybridge.skf.SarCode;
import com.ukeybridge.skf.SkfException;
import com.ukeybridge.skf.SkfLibrary;
import com.ukeybridge.skf.jna.SkfConstants;
import com.ukeybridge.token.CertificateKeyMismatchException;
import com.ukeybridge.token.CertificateUsage;
import com.ukeybridge.token.GeneratedKeyPair;
import com.ukeybridge.token.InvalidEnvelopeException;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.KeyHasCertificateException;
import com.ukeybridge.token.KeyToken;
import com.ukeybridge.token.NotLoggedInException;
import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.ObjectNotFoundException;
import com.ukeybridge.token.PinCounter;
import com.ukeybridge.token.PinIncorrectException;
import com.ukeybridge.token.PinLengthException;
import com.ukeybridge.token.PinLockedException;
import com.ukeybridge.token.SignatureAlgorithm;
import com.ukeybridge.token.StoredCertificate;
import com.ukeybridge.token.TokenFailureException;
import com.ukeybridge.token.TokenFullException;
import com.ukeybridge.token.TokenId;
import com.ukeybridge.token.TokenIdDerivation;
import com.ukeybridge.token.TokenInfo;
import com.ukeybridge.token.TokenRemovedException;
import com.ukeybridge.token.UnsupportedKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One present SKF device (GM/T 0016) as a {@link KeyToken}: its first application, whose user
 * PIN is the token's PIN, and its containers, each a signing SM2 key pair with its certificate
 * and possibly an encryption key pair with its certificate. Containers get random names and are
 * found by their keys and certificates, never by name (issuers' tools name them as they like).
 * Ids: {@link SkfIds}. A new instance is made each time a device is inserted.
 */
final class SkfToken implements KeyToken {
    private static final Logger LOG = LoggerFactory.getLogger(SkfToken.class);
    /** GM/T 0016 gives no PIN length limits; 6 to 16 bytes is what the keys we know take. */
    static final int MIN_PIN = 6;
    static final int MAX_PIN = 16;
    /** Stands for the model in the token id, which DEVINFO does not have, so no PKCS#11 token shares an id. */
    static final String MODEL = "SKF";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SkfModule module;
    private final String deviceName;
    private final Handles.Device device;
    private final Handles.Application application;
    private final TokenId id;
    private final DeviceInfo deviceInfo;
    private final AtomicLong loginChanges = new AtomicLong();
    private volatile PinInfo pin;
    private volatile boolean loggedIn;
    private volatile boolean removed;
    // The poller's last view of the certificates, to tell when they change.
    private List<StoredCertificate> lastSeenCertificates;

    SkfToken(SkfModule module, String deviceName, Handles.Device device, Handles.Application application,
             DeviceInfo deviceInfo, PinInfo pin) {
        this.module = module;
        this.deviceName = deviceName;
        this.device = device;
        this.application = application;
        this.deviceInfo = deviceInfo;
        this.pin = pin;
        this.id = TokenIdDerivation.derive(deviceInfo.manufacturer(), MODEL, deviceInfo.serialNumber(), deviceInfo.label());
    }

    @Override
    public TokenId id() {
        return id;
    }

    @Override
    public TokenInfo info() {
        PinInfo now = pin;
        return new TokenInfo(deviceInfo.label(), deviceInfo.manufacturer(), MODEL, deviceInfo.serialNumber(), MIN_PIN, MAX_PIN,
                now.retriesLeft() < now.maxRetries(), now.retriesLeft() == 1, now.locked());
    }

    @Override
    public Optional<PinCounter> pinCounter() {
        PinInfo now = pin;
        return Optional.of(new PinCounter(now.maxRetries(), now.retriesLeft()));
    }

    @Override
    public boolean isLoggedIn() {
        return loggedIn && !removed;
    }

    @Override
    public long loginGeneration() {
        return loginChanges.get();
    }

    @Override
    public List<StoredCertificate> certificates() {
        return operate("list certificates", skf -> certificatesOf(containers(skf)));
    }

    @Override
    public Set<ObjectId> privateKeyIds() {
        return operate("list private keys", skf -> {
            List<ObjectId> ids = new ArrayList<>();
            for (SkfContainer container : containers(skf)) {
                container.signingKey().ifPresent(key -> ids.add(container.signingId()));
                container.encryptionKey().ifPresent(key -> ids.add(container.encryptionId()));
            }
            return Set.copyOf(ids);
        });
    }

    /** Protocol v1's login: the application's secure state is cleared first, so a wrong PIN leaves it logged out. */
    @Override
    public void login(char[] pin) {
        checkLength(pin);
        operate("login", skf -> {
            if (loggedIn) {
                skf.clearSecureState(application);
                loggedOut();
            }
            verify(skf, pin);
            return null;
        });
    }

    /**
     * Protocol v2's check: {@code SKF_VerifyPIN} judges the PIN whether or not the application is
     * logged in; a wrong one costs a try and leaves the login of other connections as it was.
     */
    @Override
    public void verifyPin(char[] pin) {
        checkLength(pin);
        operate("verify PIN", skf -> {
            verify(skf, pin);
            return null;
        });
    }

    @Override
    public TokenInfo refreshInfo() {
        operate("read PIN info", skf -> pin = skf.pinInfo(application, PinType.USER));
        return info();
    }

    @Override
    public void logout() {
        operate("logout", skf -> {
            skf.clearSecureState(application);
            if (loggedIn) {
                loggedOut();
            }
            return null;
        });
    }

    /** SM3withSM2 with the container's signing key: e = SM3(Z || data) here, then {@code SKF_ECCSignData}; DER (r, s). */
    @Override
    public byte[] sign(ObjectId keyId, SignatureAlgorithm algorithm, byte[] data) {
        if (algorithm != SignatureAlgorithm.SM3_WITH_SM2) {
            throw new UnsupportedKeyException(algorithm.protocolName() + " does not fit the SM2 key " + keyId,
                    List.of(SignatureAlgorithm.SM3_WITH_SM2.protocolName()));
        }
        return operate("sign", skf -> {
            requireLogin();
            SkfContainer container = containerWithSigningKey(skf, keyId);
            Handles.Container handle = skf.openContainer(application, container.name());
            try {
                byte[] e = Sm2Keys.e(container.signingKey().orElseThrow(), data);
                return skf.signDigest(handle, e).toDer();
            } finally {
                skf.closeContainer(handle);
            }
        });
    }

    /** A new container with a random name and a signing SM2 key pair made in it on the device. */
    @Override
    public GeneratedKeyPair generateKeyPair(KeyAlgorithm algorithm, String label) {
        if (algorithm != KeyAlgorithm.SM2) {
            throw new UnsupportedKeyException("an SKF token makes SM2 keys, not " + algorithm.protocolName(),
                    List.of(KeyAlgorithm.SM2.protocolName()));
        }
        return operate("generate key pair", skf -> {
            requireLogin();
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            String name = HexFormat.of().formatHex(random);
            Handles.Container handle = skf.createContainer(application, name);
            EccPublicKey key;
            try {
                key = skf.generateSigningKeyPair(handle, SkfConstants.SGD_SM2_1);
            } catch (SkfException e) {
                // An empty container is of no use to anyone: do not leave it behind.
                skf.closeContainer(handle);
                deleteQuietly(skf, name);
                throw e;
            }
            skf.closeContainer(handle);
            ObjectId keyId = SkfIds.of(name, CertificateUsage.SIGNING);
            LOG.info("generated SM2 key pair {} in a new container on token {}", keyId, id);
            return new GeneratedKeyPair(keyId, KeyAlgorithm.SM2, Sm2Keys.toJava(key));
        });
    }

    /**
     * The signing certificate into the container of its key, read back and compared. With
     * {@code replaces}, the old container goes after that, unless it holds an encryption pair
     * that the new container does not have yet: then it goes with {@link #storeEncryptionPair}.
     */
    @Override
    public ObjectId storeCertificate(X509Certificate certificate, Optional<String> label, Optional<ObjectId> replaces) {
        EccPublicKey key = Sm2Keys.fromJava(certificate.getPublicKey()).orElseThrow(() ->
                new CertificateKeyMismatchException("the certificate's key is no SM2 key: no key on an SKF token pairs with it"));
        byte[] der = encoded(certificate);
        return operate("store certificate", skf -> {
            requireLogin();
            List<SkfContainer> containers = containers(skf);
            SkfContainer target = containers.stream().filter(c -> c.signingKey().filter(key::equals).isPresent()).findFirst()
                    .orElseThrow(() -> new CertificateKeyMismatchException("no signing key on token " + id + " pairs with the certificate"));
            if (replaces.isPresent() && target.holds(replaces.get())) {
                throw new IllegalArgumentException("the certificate replaces its own container");
            }
            if (target.signingCertificate().filter(stored -> Arrays.equals(stored, der)).isEmpty()) {
                withContainer(skf, target.name(), handle -> {
                    skf.importCertificate(handle, true, der);
                    if (!Arrays.equals(skf.exportCertificate(handle, true), der)) {
                        throw new TokenFailureException("the signing certificate read back from token " + id
                                + " differs from the one written", "READ_BACK_MISMATCH");
                    }
                    return null;
                });
            }
            replaces.ifPresent(old -> replaceAfterSigning(skf, old, target));
            LOG.info("stored signing certificate {} on token {}", target.signingId(), id);
            return target.signingId();
        });
    }

    /**
     * The KMC's encryption key pair ({@code SKF_ImportECCKeyPair}, opened on the device with the
     * container's signing key) and its certificate into the container of {@code signingKeyId},
     * both read back and compared; then, with {@code replaces}, the old container goes.
     */
    @Override
    public ObjectId storeEncryptionPair(ObjectId signingKeyId, X509Certificate certificate, byte[] envelopedKey,
                                        Optional<ObjectId> replaces) {
        EnvelopedKey envelope;
        try {
            envelope = EnvelopedKeyBlobs.decode(envelopedKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvelopeException("'envelopedKey' is no ENVELOPEDKEYBLOB: " + e.getMessage());
        }
        EccPublicKey key = Sm2Keys.fromJava(certificate.getPublicKey()).orElseThrow(() ->
                new CertificateKeyMismatchException("the encryption certificate's key is no SM2 key"));
        if (!key.equals(envelope.publicKey())) {
            throw new CertificateKeyMismatchException("the encryption certificate is not for the enveloped key pair");
        }
        byte[] der = encoded(certificate);
        return operate("store encryption key pair", skf -> {
            requireLogin();
            List<SkfContainer> containers = containers(skf);
            SkfContainer target = containerWithSigningKey(containers, signingKeyId);
            if (replaces.isPresent() && target.holds(replaces.get())) {
                throw new IllegalArgumentException("the key pair replaces its own container");
            }
            boolean stored = target.encryptionKey().filter(key::equals).isPresent()
                    && target.encryptionCertificate().filter(c -> Arrays.equals(c, der)).isPresent();
            if (!stored) {
                withContainer(skf, target.name(), handle -> {
                    importEnvelope(skf, handle, envelope);
                    skf.importCertificate(handle, false, der);
                    if (!key.equals(skf.exportPublicKey(handle, false)) || !Arrays.equals(skf.exportCertificate(handle, false), der)) {
                        throw new TokenFailureException("the encryption key pair read back from token " + id
                                + " differs from the one written", "READ_BACK_MISMATCH");
                    }
                    return null;
                });
            }
            replaces.flatMap(old -> containerHolding(containers, old)).filter(old -> !old.name().equals(target.name()))
                    .ifPresent(old -> deleteOld(skf, old));
            LOG.info("stored encryption key pair and certificate {} on token {}", target.encryptionId(), id);
            return target.encryptionId();
        });
    }

    /** Deletes the container of {@code keyId} (its signing or encryption id) when it holds no certificate. */
    @Override
    public void deleteKeyPair(ObjectId keyId) {
        operate("delete key pair", skf -> {
            requireLogin();
            SkfContainer container = containerHolding(containers(skf), keyId)
                    .orElseThrow(() -> new ObjectNotFoundException("no key with id " + keyId));
            if (container.hasCertificate()) {
                throw new KeyHasCertificateException("key pair " + keyId + " has a certificate");
            }
            skf.deleteContainer(application, container.name());
            LOG.info("container of key pair {} deleted on token {}", keyId, id);
            return null;
        });
    }

    @Override
    public String toString() {
        return "SkfToken[" + id + " \"" + deviceInfo.label() + "\" " + deviceName + "]";
    }

    // ---- for the poller

    String deviceName() {
        return deviceName;
    }

    SkfModule module() {
        return module;
    }

    boolean isRemoved() {
        return removed;
    }

    /** The device is gone: later calls throw {@link TokenRemovedException}; its handles are let go. */
    void markRemoved() {
        removed = true;
        module.callIfIdle(() -> {
            try {
                module.library().closeApplication(application);
                module.library().disconnect(device);
            } catch (SkfException e) {
                LOG.debug("closing the handles of {}: {}", this, e.getMessage());
            }
            return null;
        });
    }

    /** The certificates and PIN counter now, unless the library is busy (then empty). */
    Optional<List<StoredCertificate>> pollIfIdle() {
        if (removed) {
            return Optional.empty();
        }
        return module.callIfIdle(() -> run("poll", skf -> {
            pin = skf.pinInfo(application, PinType.USER);
            return certificatesOf(containers(skf));
        }));
    }

    List<StoredCertificate> lastSeenCertificates() {
        return lastSeenCertificates;
    }

    void lastSeenCertificates(List<StoredCertificate> certificates) {
        lastSeenCertificates = certificates;
    }

    // ---- the steps

    private void verify(SkfLibrary skf, char[] pinChars) {
        try {
            skf.verifyPin(application, PinType.USER, pinChars);
        } catch (PinRejectedException e) {
            pin = skf.pinInfo(application, PinType.USER);
            if (e.locked()) {
                if (loggedIn) {
                    loggedOut();
                }
                throw new PinLockedException("the user PIN of token " + id + " is blocked");
            }
            LOG.info("wrong PIN for token {} ({} tries left)", id, e.retriesLeft());
            throw new PinIncorrectException(OptionalInt.of(e.retriesLeft()), e.retriesLeft() == 1);
        }
        pin = skf.pinInfo(application, PinType.USER);
        if (!loggedIn) {
            loggedIn = true;
            loginChanges.incrementAndGet();
        }
        LOG.info("PIN verified on token {}", id);
    }

    private void loggedOut() {
        loggedIn = false;
        loginChanges.incrementAndGet();
    }

    private void importEnvelope(SkfLibrary skf, Handles.Container handle, EnvelopedKey envelope) {
        try {
            skf.importEncryptionKeyPair(handle, envelope);
        } catch (SkfException e) {
            if (e.is(SarCode.SAR_INDATAERR) || e.is(SarCode.SAR_NOTSUPPORTYETERR) || e.is(SarCode.SAR_INVALIDPARAMERR)) {
                throw new InvalidEnvelopeException("token " + id + " would not open the enveloped key pair ("
                        + e.codeName() + "): it must be enveloped to the container's signing key");
            }
            throw e;
        }
    }

    /** After the signing certificate is in: the old container goes, unless its encryption pair has no successor yet. */
    private void replaceAfterSigning(SkfLibrary skf, ObjectId old, SkfContainer target) {
        Optional<SkfContainer> replaced = containerHolding(containers(skf), old);
        if (replaced.isEmpty()) {
            return; // a retry: gone already
        }
        if (replaced.get().encryptionCertificate().isPresent() && !target.hasEncryptionPair()) {
            LOG.info("keeping container of {} on token {} until the new encryption key pair is in", old, id);
            return;
        }
        deleteOld(skf, replaced.get());
    }

    private void deleteOld(SkfLibrary skf, SkfContainer old) {
        skf.deleteContainer(application, old.name());
        LOG.info("old container of {} deleted on token {}", old.signingId(), id);
    }

    private List<SkfContainer> containers(SkfLibrary skf) {
        List<SkfContainer> containers = new ArrayList<>();
        for (String name : skf.enumContainers(application)) {
            containers.add(withContainer(skf, name, handle -> new SkfContainer(name,
                    absentIfMissing(() -> skf.exportPublicKey(handle, true)), absentIfMissing(() -> skf.exportCertificate(handle, true)),
                    absentIfMissing(() -> skf.exportPublicKey(handle, false)), absentIfMissing(() -> skf.exportCertificate(handle, false)))));
        }
        return containers;
    }

    private static List<StoredCertificate> certificatesOf(List<SkfContainer> containers) {
        List<StoredCertificate> certificates = new ArrayList<>();
        for (SkfContainer container : containers) {
            container.signingCertificate().ifPresent(der ->
                    certificates.add(new StoredCertificate(container.signingId(), container.name(), der, CertificateUsage.SIGNING)));
            container.encryptionCertificate().ifPresent(der ->
                    certificates.add(new StoredCertificate(container.encryptionId(), container.name(), der, CertificateUsage.ENCRYPTION)));
        }
        return List.copyOf(certificates);
    }

    private SkfContainer containerWithSigningKey(SkfLibrary skf, ObjectId keyId) {
        return containerWithSigningKey(containers(skf), keyId);
    }

    private SkfContainer containerWithSigningKey(List<SkfContainer> containers, ObjectId keyId) {
        return containers.stream().filter(c -> c.signingId().equals(keyId) && c.signingKey().isPresent()).findFirst()
                .orElseThrow(() -> new ObjectNotFoundException("no signing key with id " + keyId + " on token " + id));
    }

    private static Optional<SkfContainer> containerHolding(List<SkfContainer> containers, ObjectId id) {
        return containers.stream().filter(c -> c.holds(id)).findFirst();
    }

    private <T> T withContainer(SkfLibrary skf, String name, Function<Handles.Container, T> use) {
        Handles.Container handle = skf.openContainer(application, name);
        try {
            return use.apply(handle);
        } finally {
            skf.closeContainer(handle);
        }
    }

    private static <T> Optional<T> absentIfMissing(Supplier<T> export) {
        try {
            return Optional.of(export.get());
        } catch (SkfException e) {
            if (e.is(SarCode.SAR_KEYNOTFOUNTERR) || e.is(SarCode.SAR_CERTNOTFOUNTERR)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void deleteQuietly(SkfLibrary skf, String container) {
        try {
            skf.deleteContainer(application, container);
        } catch (SkfException e) {
            LOG.warn("could not delete the empty container {} on token {}: {}", container, id, e.getMessage());
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        }
    }

    private static void checkLength(char[] pin) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pin));
        int length = utf8.limit();
        Arrays.fill(utf8.array(), (byte) 0);
        if (length < MIN_PIN || length > MAX_PIN) {
            throw new PinLengthException(MIN_PIN, MAX_PIN);
        }
    }

    private void requireLogin() {
        if (!isLoggedIn()) {
            throw new NotLoggedInException("token " + id + " needs the user PIN first");
        }
    }

    // ---- running operations

    private <T> T operate(String what, Function<SkfLibrary, T> operation) {
        ensurePresent();
        return module.call(what, () -> run(what, operation));
    }

    private <T> T run(String what, Function<SkfLibrary, T> operation) {
        ensurePresent();
        try {
            return operation.apply(module.library());
        } catch (SkfException e) {
            throw translate(what, e);
        }
    }

    private RuntimeException translate(String what, SkfException e) {
        if (e.is(SarCode.SAR_DEVICE_REMOVED) || e.is(SarCode.SAR_INVALIDHANDLEERR)) {
            removed = true;
            return new TokenRemovedException("token " + id + " was removed");
        }
        if (e.is(SarCode.SAR_USER_NOT_LOGGED_IN)) {
            if (loggedIn) {
                loggedOut();
            }
            return new NotLoggedInException("token " + id + " needs the user PIN first");
        }
        if (e.is(SarCode.SAR_PIN_LOCKED)) {
            return new PinLockedException("the user PIN of token " + id + " is blocked");
        }
        if (e.is(SarCode.SAR_NO_ROOM)) {
            return new TokenFullException("token " + id + " has no room left");
        }
        return new TokenFailureException(what + " failed: " + e.codeName(), e.codeName(), e);
    }

    private void ensurePresent() {
        if (removed) {
            throw new TokenRemovedException("token " + id + " is no longer present");
        }
    }
}
