package com.ukeybridge.token.testing;

import com.ukeybridge.token.Token;
import com.ukeybridge.token.TokenRegistry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
    private final Optional<ChaosToken> chaos;
    private TokenRegistry registry;

    private TokenFixture(SoftHsm hsm, Duration busyTimeout, Optional<ChaosToken> chaos) {
        this.hsm = hsm;
        this.busyTimeout = busyTimeout;
        this.chaos = chaos;
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
        return open(userPin, busyTimeout, false, labels);
    }

    /**
     * As {@link #open(String...)}, the registry on the {@link ChaosToken} in front of SoftHSM
     * ({@link #chaos()}), healthy until told otherwise.
     */
    public static TokenFixture openChaos(String... labels) {
        return open(PIN, Duration.ofSeconds(5), true, labels);
    }

    private static TokenFixture open(String userPin, Duration busyTimeout, boolean chaos, String... labels) {
        SoftHsm hsm = SoftHsm.create();
        for (String label : labels) {
            hsm.initToken(label, userPin);
        }
        TokenFixture fixture = new TokenFixture(hsm, busyTimeout, chaos ? Optional.of(ChaosToken.over(hsm)) : Optional.empty());
        fixture.reopen();
        return fixture;
    }

    /** Closes the registry (finalizing the library) and opens a new one, as an agent restart would. */
    public TokenRegistry reopen() {
        if (registry != null) {
            registry.close();
        }
        hsm.activate();
        chaos.ifPresent(ChaosToken::activate);
        Path module = chaos.isPresent() ? ChaosToken.module() : SoftHsm.MODULE;
        registry = TokenRegistry.open(List.of(module), Duration.ofHours(1), busyTimeout, faults.loader());
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

    /** The chaos token's control, for a fixture made by {@link #openChaos}. */
    public ChaosToken chaos() {
        return chaos.orElseThrow(() -> new IllegalStateException("not a chaos fixture: use TokenFixture.openChaos"));
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
