package com.ukeybridge.agent.server;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Caps the open connections per origin and in all (docs/protocol.md, "Limits"), so that one page
 * cannot take every connection, nor all of them the agent's threads and memory. A connection
 * holds a {@link Slot} from its upgrade until it closes. Thread-safe.
 */
final class ConnectionLimits {
    static final int PER_ORIGIN = AgentServer.MAX_CONNECTIONS_PER_ORIGIN;
    static final int TOTAL = AgentServer.MAX_CONNECTIONS;

    private final int perOrigin;
    private final int total;
    private final Map<String, Integer> open = new HashMap<>(); // guarded by this
    private int openInAll;                                     // guarded by this

    ConnectionLimits() {
        this(PER_ORIGIN, TOTAL);
    }

    ConnectionLimits(int perOrigin, int total) {
        this.perOrigin = perOrigin;
        this.total = total;
    }

    /** A slot for one more connection of {@code origin}; empty when a cap is reached. */
    synchronized Optional<Slot> reserve(String origin) {
        int ofOrigin = open.getOrDefault(origin, 0);
        if (ofOrigin >= perOrigin || openInAll >= total) {
            return Optional.empty();
        }
        open.put(origin, ofOrigin + 1);
        openInAll++;
        return Optional.of(new Slot(origin));
    }

    private synchronized void release(String origin) {
        open.computeIfPresent(origin, (key, count) -> count > 1 ? count - 1 : null);
        openInAll--;
    }

    /** One connection's place; {@link #release()} gives it back once, however often called. */
    final class Slot {
        private final String origin;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String origin) {
            this.origin = origin;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                ConnectionLimits.this.release(origin);
            }
        }
    }
}
