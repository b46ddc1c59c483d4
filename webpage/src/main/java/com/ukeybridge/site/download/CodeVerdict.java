package com.ukeybridge.site.download;

import com.ukeybridge.site.store.AuthorizationRecord;

/** The outcome of one try of a code, decided and counted in one transaction, acted on after it commits. */
sealed interface CodeVerdict {
    record Accepted(AuthorizationRecord authorization) implements CodeVerdict {
    }

    /** A wrong code, or a reference number that does not exist: told apart by nobody outside. */
    record Wrong(int attemptsLeft) implements CodeVerdict {
    }

    record Locked() implements CodeVerdict {
    }
}
