package com.ukeybridge.certs.trust;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the trust commands take from the machine: the platform, the way commands are run,
 * and the time. Tests replace all three; nothing else in the commands reaches outside.
 */
public record TrustEnvironment(Supplier<Platform> platform, CommandRunner runner, Clock clock) {
    public TrustEnvironment {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(clock, "clock");
    }

    /** The real machine: detected platform, real processes, the system clock. */
    public static TrustEnvironment system() {
        CommandRunner runner = CommandRunner.system();
        return new TrustEnvironment(() -> Platform.detect(runner), runner, Clock.systemUTC());
    }
}
