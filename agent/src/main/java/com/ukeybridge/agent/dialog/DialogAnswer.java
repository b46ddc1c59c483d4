package com.ukeybridge.agent.dialog;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The answer a worker thread waits for while the dialog lives on the EDT. The first of the
 * user's answer, a close, and the timeout wins; a late answer is refused, so the dialog can
 * wipe a PIN nobody will take.
 */
final class DialogAnswer<T> {
    private final CompletableFuture<T> answer = new CompletableFuture<>();

    /** @return whether this answer was taken; false when the wait already ended */
    boolean give(T value) {
        return answer.complete(value);
    }

    /** Waits up to {@code timeout}; the answer given, or {@code none} on close, timeout or interrupt. */
    T await(Duration timeout, T none) {
        try {
            T value = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return value == null ? none : value;
        } catch (TimeoutException e) {
            return ended(none);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended(none);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a dialog answer never fails", e);
        }
    }

    /** Ends the wait; an answer that slipped in just before still counts. */
    private T ended(T none) {
        if (answer.complete(null)) {
            return none;
        }
        T value = answer.getNow(null);
        return value == null ? none : value;
    }
}
