package com.ukeybridge.token.testing;

import com.ukeybridge.token.Token;
import com.ukeybridge.token.TokenRegistry;

import java.time.Duration;
import java.util.List;

/**
 * A {@link SoftHsm} with initialised tokens and a {@link TokenRegistry} open on it, through a
 * {@link FaultInjectingCryptoki} that injects nothing until told to. The registry does not poll
 * by itself (its interval is an hour): tests call {@link TokenRegistry#refresh()}.
 */
public final class TokenFixture implements AutoCloseable {
    /** The user PIN of every token. */
    public static final String PIN = "123456";

    private final SoftHsm hsm;
    private final FaultInjectingCryptoki faults = new FaultInjectingCryptoki();
    private final Duration busyTimeout;
    private TokenRegistry registry;

    private TokenFixture(SoftHsm hsm, Duration busyTimeout) {
        this.hsm = hsm;
        this.busyTimeout = busyTimeout;
    }

    /** A fresh SoftHSM with one token per label, user PIN {@link #PIN}, busy timeout 5 s. */
    public static TokenFixture open(String... labels) {
        return open(Duration.ofSeconds(5), labels);
    }

    public static TokenFixture open(Duration busyTimeout, String... labels) {
        return openWithPin(PIN, busyTimeout, labels);
    }

    /** As {@link #open(Duration, String...)}, every token with the user PIN {@code userPin} instead of {@link #PIN}. */
    public static TokenFixture openWithPin(String userPin, Duration busyTimeout, String... labels) {
        SoftHsm hsm = SoftHsm.create();
        for (String label : labels) {
            hsm.initToken(label, userPin);
        }
        TokenFixture fixture = new TokenFixture(hsm, busyTimeout);
        fixture.reopen();
        return fixture;
    }

    /** Closes the registry (finalizing the library) and opens a new one, as an agent restart would. */
    public TokenRegistry reopen() {
        if (registry != null) {
            registry.close();
        }
        hsm.activate();
        registry = TokenRegistry.open(List.of(SoftHsm.MODULE), Duration.ofHours(1), busyTimeout, faults.loader());
        return registry;
    }

    public SoftHsm hsm() {
        return hsm;
    }

    public TokenRegistry registry() {
        return registry;
    }

    public FaultInjectingCryptoki faults() {
        return faults;
    }

    /** The first token listed. */
    public Token token() {
        return registry.tokens().get(0);
    }

    public Token token(String label) {
        return registry.tokens().stream().filter(t -> t.info().label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no token labelled " + label));
    }

    /** The token, logged in with {@link #PIN} (tokens made by {@link #openWithPin} need their own PIN). */
    public Token loggedIn() {
        Token token = token();
        token.login(PIN.toCharArray());
        return token;
    }

    @Override
    public void close() {
        try {
            if (registry != null) {
                registry.close();
            }
        } finally {
            hsm.close();
        }
    }
}
