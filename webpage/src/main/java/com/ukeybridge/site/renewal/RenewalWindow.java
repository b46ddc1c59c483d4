package com.ukeybridge.site.renewal;

import com.ukeybridge.site.refusal.OutsideRenewalWindowException;

import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate may be renewed (manual 2.4): from {@code daysBefore} days before its
 * {@code notAfter} to {@code daysAfter} days after it, both ends included.
 */
public record RenewalWindow(int daysBefore, int daysAfter) {

    /** The window of one certificate. */
    public record Dates(Instant notAfter, Instant start, Instant end) {
        public boolean contains(Instant now) {
            return !now.isBefore(start) && !now.isAfter(end);
        }
    }

    public Dates of(Instant notAfter) {
        return new Dates(notAfter, notAfter.minus(Duration.ofDays(daysBefore)), notAfter.plus(Duration.ofDays(daysAfter)));
    }

    /** @throws OutsideRenewalWindowException with the window's dates, when {@code now} is outside it */
    public Dates check(Instant notAfter, Instant now) {
        Dates dates = of(notAfter);
        if (!dates.contains(now)) {
            throw new OutsideRenewalWindowException(now, notAfter, dates.start(), dates.end());
        }
        return dates;
    }
}
