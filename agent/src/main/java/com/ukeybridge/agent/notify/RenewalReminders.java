package com.ukeybridge.agent.notify;

import com.ukeybridge.agent.desktop.DesktopState;
import com.ukeybridge.agent.desktop.DesktopState.CertificateStanding;
import com.ukeybridge.agent.desktop.DesktopState.KeyStanding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides when to remind the user that a certificate needs renewing: at once when a key
 * comes in (or the agent starts) holding an expiring or expired certificate, or when a
 * certificate on a key already in crosses into the window or past {@code notAfter}; otherwise
 * at most once a {@link #DEFAULT_INTERVAL day} per certificate while it stays so.
 *
 * <p>The memory is in this object only and is lost on restart, on purpose: the agent starts
 * with the user's session, and one reminder per login is welcome, not noise; keeping no file
 * also means nothing to clean up or get wrong. Not thread-safe: one caller (the presenter's
 * thread) at a time.
 */
public final class RenewalReminders {
    public static final Duration DEFAULT_INTERVAL = Duration.ofDays(1);

    /** A certificate to remind of, with the label of the key that holds it. */
    public record Reminder(String keyLabel, CertificateStanding certificate) {
    }

    private final Clock clock;
    private final Duration interval;
    /** By certificate fingerprint: its status at the previous look, present certificates only. */
    private Map<String, String> seen = new HashMap<>();
    private final Map<String, Instant> lastReminded = new HashMap<>();

    public RenewalReminders(Clock clock) {
        this(clock, DEFAULT_INTERVAL);
    }

    public RenewalReminders(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** The reminders due now for {@code state}, each certificate at most once; remembers them as given. */
    public List<Reminder> due(DesktopState state) {
        Instant now = clock.instant();
        Map<String, String> present = new HashMap<>();
        List<Reminder> due = new ArrayList<>();
        for (KeyStanding key : state.keys()) {
            for (CertificateStanding certificate : key.certificates()) {
                String fingerprint = certificate.certificate().fingerprint();
                String status = certificate.status().status();
                String before = seen.get(fingerprint);
                present.put(fingerprint, status);
                if (!certificate.needsRenewal()) {
                    continue;
                }
                boolean arrivedOrChanged = before == null || !before.equals(status);
                Instant last = lastReminded.get(fingerprint);
                boolean dayPassed = last == null || !now.isBefore(last.plus(interval));
                if ((arrivedOrChanged || dayPassed) && due.stream().noneMatch(r -> sameCertificate(r, fingerprint))) {
                    due.add(new Reminder(key.key().label(), certificate));
                    lastReminded.put(fingerprint, now);
                }
            }
        }
        seen = present;
        return due;
    }

    private static boolean sameCertificate(Reminder reminder, String fingerprint) {
        return reminder.certificate().certificate().fingerprint().equals(fingerprint);
    }
}
