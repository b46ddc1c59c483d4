package com.ukeybridge.agent.desktop;

import com.ukeybridge.token.ModuleStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Keys and certificates for desktop tests, made from plain values. */
public final class Keys {
    public static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    public static final ModuleStatus SOFTHSM = new ModuleStatus(Path.of("/usr/lib/softhsm/libsofthsm2.so"), true,
            "SoftHSM 2.6", Optional.empty());

    private Keys() {
    }

    /** A certificate for {@code name} that ends {@code daysLeft} days (plus an hour) from {@link #NOW}. */
    public static KeyCertificate certificate(String name, long daysLeft) {
        Instant notAfter = NOW.plus(Duration.ofDays(daysLeft)).plus(Duration.ofHours(1));
        return new KeyCertificate(name, "CN=" + name + ",O=山东省示例事业单位,C=CN", notAfter, "fp-" + name);
    }

    public static KeyContents key(String label, KeyCertificate... certificates) {
        return new KeyContents(label, "SoftHSM project", "SoftHSM v2", "0123456789", Arrays.asList(certificates));
    }

    public static DesktopFacts facts(KeyContents... keys) {
        return new DesktopFacts(Arrays.asList(keys), List.of(SOFTHSM), List.of(), OptionalInt.of(28443));
    }

    public static DesktopState state(KeyContents... keys) {
        return DesktopState.of(facts(keys), NOW, 90);
    }
}
