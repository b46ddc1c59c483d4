package com.ukeybridge.site.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why a certificate was revoked: the RFC 5280 CRLReason codes the site uses, stored by name. */
public enum RevocationReason {
    UNSPECIFIED(0, "unspecified"),
    KEY_COMPROMISE(1, "keyCompromise"),
    AFFILIATION_CHANGED(3, "affiliationChanged"),
    SUPERSEDED(4, "superseded"),
    CESSATION_OF_OPERATION(5, "cessationOfOperation");

    private final int code;
    private final String rfcName;

    RevocationReason(int code, String rfcName) {
        this.code = code;
        this.rfcName = rfcName;
    }

    /** The CRLReason code (RFC 5280, 5.3.1). */
    public int code() {
        return code;
    }

    /** The RFC 5280 name, as stored and as {@code ra revoke --reason} takes it. */
    public String rfcName() {
        return rfcName;
    }

    /** By RFC 5280 name, case-insensitive. */
    public static Optional<RevocationReason> byName(String name) {
        return Arrays.stream(values()).filter(r -> r.rfcName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }
}
