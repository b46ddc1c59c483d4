package com.ukeybridge.token;

import com.ukeybridge.pkcs11.ModuleInfo;
import com.ukeybridge.pkcs11.Pkcs11Exception;
import com.ukeybridge.pkcs11.Pkcs11Module;
import com.ukeybridge.pkcs11.SlotTokenInfo;
import com.ukeybridge.pkcs11.jna.CryptokiLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_CRYPTOKI_NOT_INITIALIZED;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_DEVICE_REMOVED;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_SESSION_CLOSED;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_SESSION_HANDLE_INVALID;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_TOKEN_NOT_PRESENT;

/**
 * One configured PKCS#11 library and its life: loaded and initialised once, re-initialised
 * ({@code C_Finalize} + {@code C_Initialize}) when a token reports it is gone. Calls run under the
 * read half of a lock and re-initialisation under the write half, so no call is ever in flight in
 * a library being finalised. Every re-initialisation bumps {@link #epoch()}, which voids the
 * sessions and logins of every token of this library.
 */
final class LoadedModule {
    private static final Logger LOG = LoggerFactory.getLogger(LoadedModule.class);

    /** Answers after which our sessions are gone and only a fresh {@code C_Initialize} brings the token back. */
    private static final Set<Long> NEEDS_REINITIALISATION = Set.of(CKR_DEVICE_REMOVED, CKR_TOKEN_NOT_PRESENT,
            CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED, CKR_CRYPTOKI_NOT_INITIALIZED);

    private final Path library;
    private final Pkcs11Module pkcs11;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong epoch = new AtomicLong();
    private volatile ModuleStatus status;

    private LoadedModule(Path library, Pkcs11Module pkcs11, ModuleStatus status) {
        this.library = library;
        this.pkcs11 = pkcs11;
        this.status = status;
    }

    /** Loads and initialises {@code library}; a failure is recorded in {@link #status()}, not thrown. */
    static LoadedModule load(Path library, CryptokiLoader loader) {
        Pkcs11Module pkcs11;
        try {
            pkcs11 = new Pkcs11Module(loader.load(library), library.toString());
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            LOG.warn("PKCS#11 library {} did not load: {}", library, reason);
            return new LoadedModule(library, null, new ModuleStatus(library, false, "", Optional.of("cannot load: " + reason)));
        }
        try {
            initialize(pkcs11);
            ModuleInfo info = pkcs11.info();
            String description = (info.manufacturer() + " " + info.description()).trim() + " " + info.libraryVersion();
            LOG.info("PKCS#11 library {} loaded: {} (Cryptoki {})", library, description, info.cryptokiVersion());
            return new LoadedModule(library, pkcs11, new ModuleStatus(library, true, description, Optional.empty()));
        } catch (Pkcs11Exception e) {
            LOG.warn("PKCS#11 library {} did not initialise: {}", library, e.getMessage());
            return new LoadedModule(library, null, new ModuleStatus(library, false, "", Optional.of(e.getMessage())));
        }
    }

    private static void initialize(Pkcs11Module pkcs11) {
        try {
            pkcs11.initialize();
        } catch (Pkcs11Exception e) {
            // Someone else in this process initialised it (another registry): usable, but their C_Finalize ends ours.
            if (e.code() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                throw e;
            }
            LOG.warn("PKCS#11 library {} was already initialised in this process", pkcs11.name());
        }
    }

    static boolean needsReinitialisation(Pkcs11Exception e) {
        return NEEDS_REINITIALISATION.contains(e.code());
    }

    Path library() {
        return library;
    }

    ModuleStatus status() {
        return status;
    }

    boolean isLoaded() {
        return pkcs11 != null;
    }

    long epoch() {
        return epoch.get();
    }

    /** Runs {@code call} while no re-initialisation can happen. */
    <T> T shared(Supplier<T> call) {
        lock.readLock().lock();
        try {
            return call.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    Pkcs11Module pkcs11() {
        return pkcs11;
    }

    /**
     * {@code C_Finalize} then {@code C_Initialize}, unless another thread already did since
     * {@code seenEpoch}. Must not be called while holding {@link #shared}.
     */
    void reinitialize(long seenEpoch) {
        lock.writeLock().lock();
        try {
            if (epoch.get() != seenEpoch) {
                return;
            }
            epoch.incrementAndGet();
            LOG.info("re-initialising PKCS#11 library {}", library);
            try {
                pkcs11.finalizeModule();
            } catch (Pkcs11Exception e) {
                LOG.debug("C_Finalize before re-initialisation: {}", e.getMessage());
            }
            try {
                initialize(pkcs11);
                status = new ModuleStatus(library, true, status.description(), Optional.empty());
            } catch (Pkcs11Exception e) {
                LOG.warn("PKCS#11 library {} did not re-initialise: {}", library, e.getMessage());
                status = new ModuleStatus(library, true, status.description(), Optional.of(e.getMessage()));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether {@code slot} still holds the token {@code id}; asked after a re-initialisation. */
    boolean holds(long slot, TokenId id) {
        return shared(() -> {
            try {
                if (!pkcs11.slots(true).contains(slot)) {
                    return false;
                }
                SlotTokenInfo info = pkcs11.tokenInfo(slot);
                return TokenInfos.of(info).map(TokenIdDerivation::derive).filter(id::equals).isPresent();
            } catch (Pkcs11Exception e) {
                return false;
            }
        });
    }

    void close() {
        if (pkcs11 == null) {
            return;
        }
        lock.writeLock().lock();
        try {
            pkcs11.finalizeModule();
        } catch (Pkcs11Exception e) {
            LOG.debug("C_Finalize of {}: {}", library, e.getMessage());
        } finally {
            lock.writeLock().unlock();
        }
    }
}
