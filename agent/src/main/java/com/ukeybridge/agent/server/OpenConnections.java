package com.ukeybridge.agent.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The connections open right now, so that a stopping agent can say goodbye to each page. Thread-safe. */
final class OpenConnections {
    private final Set<WebSocketClientConnection> open = ConcurrentHashMap.newKeySet();

    void add(WebSocketClientConnection connection) {
        open.add(connection);
    }

    void remove(WebSocketClientConnection connection) {
        open.remove(connection);
    }

    /** Sends every page a close frame and waits, at most {@code wait}, until they are written. */
    void closeAll(int code, String reason, Duration wait) {
        CompletableFuture<?>[] closing = open.stream()
                .map(connection -> connection.close(code, reason))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // A page that cannot be told loses its socket when the server stops anyway.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
