package com.ukeybridge.site.store;

import java.time.Instant;

/** Who did what, when: never a PIN or an authorization code. */
public record AuditEvent(Instant at, String actor, String action, String target, String detail) {
}
