package com.ukeybridge.site.config;

import java.util.List;
import java.util.Objects;

/**
 * How many requests the API takes per minute, per client address and from everyone together,
 * for each costly or guessable step: renewal challenges, authorization-code checks, issuance.
 * The client address is the connection's peer, or, when that peer is one of
 * {@code trustedProxies}, the last address in {@code X-Forwarded-For} that is not.
 */
public record RateLimitSettings(Limit challenges, Limit codeChecks, Limit issuance, List<AddressRange> trustedProxies) {
    public static final RateLimitSettings DEFAULTS = new RateLimitSettings(new Limit(20, 600), new Limit(10, 300), new Limit(20, 600), List.of());

    public RateLimitSettings {
        Objects.requireNonNull(challenges, "challenges");
        Objects.requireNonNull(codeChecks, "codeChecks");
        Objects.requireNonNull(issuance, "issuance");
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** Requests per minute: from one client address, and from all together. */
    public record Limit(int perClient, int global) {
        public Limit {
            if (perClient < 1 || global < 1) {
                throw new IllegalArgumentException("rate limits must be positive");
            }
        }
    }

    /** Every step at the same limits (tests, the benchmark). */
    public static RateLimitSettings uniform(int perClient, int global) {
        Limit limit = new Limit(perClient, global);
        return new RateLimitSettings(limit, limit, limit, List.of());
    }

    public RateLimitSettings withTrustedProxies(List<AddressRange> value) {
        return new RateLimitSettings(challenges, codeChecks, issuance, value);
    }
}
