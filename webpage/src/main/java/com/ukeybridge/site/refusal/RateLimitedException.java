package com.ukeybridge.site.refusal;

import java.util.Map;

/** Too many requests of one kind, from this address or from everyone: answered 429 with {@code Retry-After}. */
public final class RateLimitedException extends Refusal {
    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super(429, "RATE_LIMITED",
                "请求过于频繁，请在" + retryAfterSeconds + "秒后再试。",
                "Too many requests; try again in " + retryAfterSeconds + " seconds.",
                Map.of("retryAfterSeconds", retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
