package com.ukeybridge.site.api;

import com.ukeybridge.site.config.RateLimitSettings;
import com.ukeybridge.site.refusal.RateLimitedException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets (Bucket4j) per step of the API, one per client address and one for everyone,
 * refilled per minute on the site's clock. A request takes a token from both or is refused with
 * {@link RateLimitedException} and the seconds until a token is back. The buckets live in this
 * instance's memory: behind a load balancer each instance limits what it sees.
 */
final class RateLimits {
    /** The steps that cost the CA a signature or let someone guess. */
    enum Step { CHALLENGE, CODE_CHECK, ISSUANCE }

    /** The clients remembered per step; the least recently seen are forgotten first (a full bucket again). */
    static final int MAX_CLIENTS = 50_000;

    private final Map<Step, StepLimit> steps = new EnumMap<>(Step.class);

    RateLimits(RateLimitSettings settings, Clock clock) {
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        steps.put(Step.CHALLENGE, new StepLimit(settings.challenges(), time));
        steps.put(Step.CODE_CHECK, new StepLimit(settings.codeChecks(), time));
        steps.put(Step.ISSUANCE, new StepLimit(settings.issuance(), time));
    }

    /** @throws RateLimitedException when {@code client} or everyone used up this step's minute */
    void take(Step step, String client) {
        steps.get(step).take(client);
    }

    private static final class StepLimit {
        private final RateLimitSettings.Limit limit;
        private final TimeMeter time;
        private final Bucket global;
        private final Map<String, Bucket> perClient = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_CLIENTS;
            }
        };

        StepLimit(RateLimitSettings.Limit limit, TimeMeter time) {
            this.limit = limit;
            this.time = time;
            this.global = bucket(limit.global(), time);
        }

        void take(String client) {
            Bucket own;
            synchronized (perClient) {
                own = perClient.computeIfAbsent(client, c -> bucket(limit.perClient(), time));
            }
            consume(own);
            consume(global);
        }

        private static void consume(Bucket bucket) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                throw new RateLimitedException(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000));
            }
        }

        private static Bucket bucket(int perMinute, TimeMeter time) {
            return Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                    .withCustomTimePrecision(time)
                    .build();
        }
    }
}
