package com.ukeybridge.agent.skf;

import com.ukeybridge.skf.SkfLibrary;
import com.ukeybridge.token.TokenBusyException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One loaded SKF library. Calls into it run one at a time (the poller's and every device's):
 * vendors' SKF libraries do not promise to be thread-safe, and each call is short.
 */
final class SkfModule {
    private final Path path;
    private final SkfLibrary library;
    private final Duration busyTimeout;
    private final ReentrantLock lock = new ReentrantLock();

    SkfModule(Path path, SkfLibrary library, Duration busyTimeout) {
        this.path = path;
        this.library = library;
        this.busyTimeout = busyTimeout;
    }

    Path path() {
        return path;
    }

    SkfLibrary library() {
        return library;
    }

    /** Runs {@code calls} holding the library; {@link TokenBusyException} after the busy timeout. */
    <T> T call(String what, Supplier<T> calls) {
        try {
            if (!lock.tryLock(busyTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TokenBusyException("the SKF library " + path + " was busy for over " + busyTimeout.toSeconds() + " s (" + what + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenBusyException("interrupted while waiting for the SKF library " + path);
        }
        try {
            return calls.get();
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #call}, but only when the library is free right now: the poller skips a busy round. */
    <T> Optional<T> callIfIdle(Supplier<T> calls) {
        if (!lock.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(calls.get());
        } finally {
            lock.unlock();
        }
    }
}
