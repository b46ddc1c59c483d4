package com.ukeybridge.token;

import com.ukeybridge.pkcs11.Pkcs11Exception;
import com.ukeybridge.pkcs11.SlotTokenInfo;
import com.ukeybridge.pkcs11.jna.CryptokiLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_CRYPTOKI_NOT_INITIALIZED;

/**
 * The tokens present in every configured PKCS#11 module. Polls {@code C_GetSlotList} about
 * once a {@code pollInterval}, tells listeners of insertions, removals and certificate changes,
 * and re-initialises a module whose token reports {@code CKR_DEVICE_REMOVED},
 * {@code CKR_TOKEN_NOT_PRESENT} or {@code CKR_SESSION_HANDLE_INVALID}.
 *
 * <p>A PKCS#11 library is process-wide state: open one registry per library per process, and
 * close it (which finalizes the library) before opening another on the same library.
 */
public final class TokenRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRegistry.class);

    private final List<LoadedModule> modules;
    private final Duration pollInterval;
    private final Duration busyTimeout;
    private final TokenPoller poller;
    private final ReentrantLock pollLock = new ReentrantLock();
    /** Per module, slot → token; guarded by pollLock. */
    private final Map<LoadedModule, Map<Long, Token>> present = new LinkedHashMap<>();
    private volatile List<Token> tokens = List.of();
    private volatile boolean closed;

    private TokenRegistry(List<LoadedModule> modules, Duration pollInterval, Duration busyTimeout) {
        this.modules = List.copyOf(modules);
        this.pollInterval = pollInterval;
        this.busyTimeout = busyTimeout;
        this.poller = new TokenPoller("token-poller", pollInterval, this::poll);
        // Slots in numeric order, so the listing does not depend on the order tokens were inserted in.
        modules.forEach(m -> present.put(m, new TreeMap<>()));
    }

    /** Loads every module; one that fails to load is reported in {@link #modules()}, not thrown. */
    public static TokenRegistry open(List<Path> moduleLibraries, Duration pollInterval, Duration busyTimeout) {
        return open(moduleLibraries, pollInterval, busyTimeout, CryptokiLoader.jna());
    }

    /**
     * As {@link #open(List, Duration, Duration)}, with the libraries loaded by {@code loader}: the
     * seam where tests wrap the real library in a fault-injecting layer. The registry's tokens
     * are listed once before this returns.
     */
    public static TokenRegistry open(List<Path> moduleLibraries, Duration pollInterval, Duration busyTimeout,
            CryptokiLoader loader) {
        Objects.requireNonNull(loader, "loader");
        if (pollInterval.isNegative() || pollInterval.isZero() || busyTimeout.isNegative()) {
            throw new IllegalArgumentException("pollInterval must be positive and busyTimeout not negative");
        }
        List<LoadedModule> loaded = moduleLibraries.stream().distinct().map(p -> LoadedModule.load(p, loader)).toList();
        TokenRegistry registry = new TokenRegistry(loaded, pollInterval, busyTimeout);
        registry.poll();
        return registry;
    }

    /** Starts polling in a daemon thread. */
    public synchronized void start() {
        if (!closed) {
            poller.start();
        }
    }

    /** Polls once, now, on the caller's thread; listeners hear of any change before it returns. */
    public void refresh() {
        if (!closed) {
            poll();
        }
    }

    /** Present, initialised tokens (blank formatted ones included), in a stable order. */
    public List<Token> tokens() {
        return tokens;
    }

    public Optional<Token> find(TokenId id) {
        return tokens.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public List<ModuleStatus> modules() {
        return modules.stream().map(LoadedModule::status).toList();
    }

    public void addListener(TokenListener listener) {
        poller.addListener(listener);
    }

    /** Stops polling, closes sessions and finalizes the modules. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        poller.stop(pollInterval.plus(busyTimeout).plusSeconds(1));
        pollLock.lock();
        try {
            present.values().forEach(slots -> slots.values().forEach(Token::markRemoved));
            present.values().forEach(Map::clear);
            tokens = List.of();
        } finally {
            pollLock.unlock();
        }
        modules.forEach(LoadedModule::close);
    }

    private void poll() {
        boolean changed = false;
        pollLock.lock();
        try {
            if (closed) {
                return;
            }
            for (LoadedModule module : modules) {
                if (module.isLoaded()) {
                    changed |= poll(module, present.get(module));
                }
            }
            List<Token> now = new ArrayList<>();
            present.values().forEach(slots -> now.addAll(slots.values()));
            tokens = List.copyOf(now);
        } finally {
            pollLock.unlock();
        }
        if (changed) {
            poller.tokensChanged();
        }
    }

    /** One module: which initialised tokens are in which slots now, and have their certificates changed. */
    private boolean poll(LoadedModule module, Map<Long, Token> slots) {
        Map<Long, TokenInfo> seen = new LinkedHashMap<>();
        long epoch = module.epoch();
        try {
            module.shared(() -> {
                for (long slot : module.pkcs11().slots(true)) {
                    try {
                        SlotTokenInfo raw = module.pkcs11().tokenInfo(slot);
                        TokenInfos.of(raw).ifPresent(info -> seen.put(slot, info));
                    } catch (Pkcs11Exception e) {
                        // Pulled out between the two calls, or unreadable: not present for this round.
                        LOG.debug("slot {} of {}: {}", slot, module.library(), e.getMessage());
                    }
                }
                return null;
            });
        } catch (Pkcs11Exception e) {
            LOG.warn("listing slots of {} failed: {}", module.library(), e.getMessage());
            if (e.code() == CKR_CRYPTOKI_NOT_INITIALIZED || LoadedModule.needsReinitialisation(e)) {
                module.reinitialize(epoch);
            }
            // Keep the tokens we knew until the library answers again.
            return false;
        }

        boolean changed = false;
        for (var it = slots.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            Token token = entry.getValue();
            TokenInfo info = seen.get(entry.getKey());
            if (token.isRemoved() || info == null || !TokenIdDerivation.derive(info).equals(token.id())) {
                LOG.info("token {} removed from {}", token, module.library());
                token.markRemoved();
                it.remove();
                changed = true;
            } else {
                token.updateInfo(info);
            }
        }
        for (var entry : seen.entrySet()) {
            if (!slots.containsKey(entry.getKey())) {
                Token token = new Token(module, entry.getKey(), entry.getValue(), busyTimeout);
                LOG.info("token {} inserted in {}", token, module.library());
                slots.put(entry.getKey(), token);
                changed = true;
            }
        }
        for (Token token : slots.values()) {
            changed |= certificatesChanged(token);
        }
        // Reading the certificates may have found a token gone (and re-initialised its library).
        changed |= slots.values().removeIf(Token::isRemoved);
        return changed;
    }

    private boolean certificatesChanged(Token token) {
        Optional<List<StoredCertificate>> now;
        try {
            now = token.certificatesIfIdle();
        } catch (TokenException e) {
            LOG.debug("reading certificates of {}: {}", token, e.getMessage());
            return false;
        }
        if (now.isEmpty()) {
            return false;
        }
        List<StoredCertificate> before = token.lastSeenCertificates();
        token.lastSeenCertificates(now.get());
        return before != null && !StoredCertificate.sameListing(before, now.get());
    }
}
