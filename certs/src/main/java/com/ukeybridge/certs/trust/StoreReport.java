package com.ukeybridge.certs.trust;

import java.util.Objects;

/**
 * What happened to one store in one command, or what it holds: one line of the output.
 *
 * @param name our entry's nickname, file, path or thumbprint; empty when there is none
 * @param detail a short note for people: why not applicable, what failed, what else was removed
 */
public record StoreReport(StoreId store, Outcome outcome, String name, String detail) {
    public enum Outcome {
        INSTALLED, ALREADY_PRESENT, REMOVED, NOTHING_TO_REMOVE, PRESENT, ABSENT, NOT_APPLICABLE, FAILED;

        /** As --json prints it: {@code already-present}, {@code not-applicable}… */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    public StoreReport {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(outcome, "outcome");
        name = name == null ? "" : name;
        detail = detail == null ? "" : detail;
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
