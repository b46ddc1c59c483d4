package com.ukeybridge.agent.desktop;

import com.ukeybridge.agent.view.CertificateStatus;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The facts judged at one instant: each certificate's status and days left (the protocol's
 * rules, {@link CertificateStatus}), and the tray state they add up to.
 */
public record DesktopState(TrayState tray, List<KeyStanding> keys, List<AgentProblem> problems) {

    /** A certificate and how it stands now. */
    public record CertificateStanding(KeyCertificate certificate, CertificateStatus status) {
        public boolean expired() {
            return "expired".equals(status.status());
        }

        public boolean expiring() {
            return "expiring".equals(status.status());
        }

        /** Inside the renewal warning: expiring or expired. */
        public boolean needsRenewal() {
            return expired() || expiring();
        }
    }

    /** A key and how each of its certificates stands. */
    public record KeyStanding(KeyContents key, List<CertificateStanding> certificates) {
        public KeyStanding {
            certificates = List.copyOf(certificates);
        }
    }

    public DesktopState {
        keys = List.copyOf(keys);
        problems = List.copyOf(problems);
    }

    public static DesktopState of(DesktopFacts facts, Instant now, int warnDays) {
        List<KeyStanding> keys = facts.keys().stream()
                .map(key -> new KeyStanding(key, key.certificates().stream()
                        .map(c -> new CertificateStanding(c, CertificateStatus.of(c.notAfter(), now, warnDays)))
                        .toList()))
                .toList();
        return new DesktopState(trayState(keys, facts.problems()), keys, facts.problems());
    }

    private static TrayState trayState(List<KeyStanding> keys, List<AgentProblem> problems) {
        if (!problems.isEmpty()) {
            return TrayState.PROBLEM;
        }
        if (keys.isEmpty()) {
            return TrayState.NO_KEY;
        }
        List<CertificateStanding> all = keys.stream().flatMap(k -> k.certificates().stream()).toList();
        if (all.stream().anyMatch(CertificateStanding::expired)) {
            return TrayState.EXPIRED;
        }
        if (all.stream().anyMatch(CertificateStanding::expiring)) {
            return TrayState.EXPIRING;
        }
        return TrayState.ALL_VALID;
    }

    /** Every certificate on every key. */
    public List<CertificateStanding> certificates() {
        return keys.stream().flatMap(k -> k.certificates().stream()).toList();
    }

    /** The expiring certificate with the fewest days left, if any. */
    public Optional<CertificateStanding> soonestExpiring() {
        return certificates().stream().filter(CertificateStanding::expiring)
                .min(Comparator.comparingLong(c -> c.status().daysLeft()));
    }
}
