package com.ukeybridge.site.api;

import com.ukeybridge.site.refusal.Refusal;
import com.ukeybridge.site.store.AuditEvent;
import com.ukeybridge.site.store.AuditLog;
import com.ukeybridge.site.store.Database;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Records refused attempts that matter to a reviewer (a proof that does not verify, a request
 * that is refused, a cross-site post...) in a transaction of their own: the refused request's
 * transaction is rolled back, and its audit row with it. Wrong authorization codes are counted
 * and audited by the download flow itself; rate-limited requests are only logged (auditing
 * them would let a flood fill the table).
 */
final class RefusalAudit {
    static final Set<String> AUDITED = Set.of("PROOF_INVALID", "CSR_INVALID", "UNSUPPORTED_KEY", "CSR_REUSES_OLD_KEY",
            "KEY_ALREADY_CERTIFIED", "RENEWAL_BOUND_TO_KEY", "CERTIFICATE_REVOKED", "UNKNOWN_CERTIFICATE", "CHALLENGE_EXPIRED",
            "ORIGIN_REFUSED");

    private final Database database;
    private final Clock clock;

    RefusalAudit(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    void record(Refusal refusal, String actor, String method, String path) {
        if (!AUDITED.contains(refusal.reason())) {
            return;
        }
        database.transaction(c -> {
            new AuditLog(c).record(new AuditEvent(clock.instant().truncatedTo(ChronoUnit.SECONDS), actor, "REQUEST_REFUSED",
                    method + " " + path, refusal.reason()));
            return null;
        });
    }
}
