package com.ukeybridge.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The daemon thread that runs a registry's poll about once an {@code interval}, and the
 * listeners the registry tells of changes: one for the PKCS#11 modules' tokens, one for the SKF
 * libraries' devices.
 */
public final class TokenPoller {
    private static final Logger LOG = LoggerFactory.getLogger(TokenPoller.class);

    private final String name;
    private final Duration interval;
    private final Runnable poll;
    private final List<TokenListener> listeners = new CopyOnWriteArrayList<>();
    private Thread thread;
    private volatile boolean stopped;

    /** @param poll one round; what it throws is logged and the next round runs */
    public TokenPoller(String name, Duration interval, Runnable poll) {
        this.name = name;
        this.interval = interval;
        this.poll = poll;
    }

    public void addListener(TokenListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Tells every listener; one that fails is logged and the others are still told. */
    public void tokensChanged() {
        for (TokenListener listener : listeners) {
            try {
                listener.tokensChanged();
            } catch (RuntimeException e) {
                LOG.warn("token listener failed", e);
            }
        }
    }

    /** Starts the thread, unless it runs already or was stopped. */
    public synchronized void start() {
        if (thread != null || stopped) {
            return;
        }
        thread = new Thread(this::pollForever, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the thread, waiting at most {@code wait} for a round under way. */
    public void stop(Duration wait) {
        Thread stopping;
        synchronized (this) {
            stopped = true;
            stopping = thread;
        }
        if (stopping != null) {
            stopping.interrupt();
            try {
                stopping.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pollForever() {
        while (!stopped) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            try {
                poll.run();
            } catch (RuntimeException e) {
                LOG.warn("polling for tokens failed ({})", name, e);
            }
        }
    }
}
