package com.ukeybridge.token;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The tokens present in every configured PKCS#11 module. Polls {@code C_GetSlotList} about
 * once a {@code pollInterval}, tells listeners of insertions, removals and certificate changes,
 * and re-initialises a module whose token reports {@code CKR_DEVICE_REMOVED},
 * {@code CKR_TOKEN_NOT_PRESENT} or {@code CKR_SESSION_HANDLE_INVALID}.
 */
public final class TokenRegistry implements AutoCloseable {
    // CONTRACT ONLY: the pkcs11 work replaces every body below.

    /** Loads every module; one that fails to load is reported in {@link #modules()}, not thrown. */
    public static TokenRegistry open(List<Path> moduleLibraries, Duration pollInterval, Duration busyTimeout) {
        throw new UnsupportedOperationException();
    }

    /** Starts polling in a daemon thread. */
    public void start() { throw new UnsupportedOperationException(); }

    /** Polls once, now, on the caller's thread; listeners hear of any change before it returns. */
    public void refresh() { throw new UnsupportedOperationException(); }

    /** Present, initialised tokens (blank formatted ones included), in a stable order. */
    public List<Token> tokens() { throw new UnsupportedOperationException(); }

    public Optional<Token> find(TokenId id) { throw new UnsupportedOperationException(); }

    public List<ModuleStatus> modules() { throw new UnsupportedOperationException(); }

    public void addListener(TokenListener listener) { throw new UnsupportedOperationException(); }

    /** Stops polling, closes sessions and finalizes the modules. */
    @Override
    public void close() { throw new UnsupportedOperationException(); }
}
