package com.ukeybridge.site.download;

import java.time.Instant;

/** A download authorization just made: the only moment the code exists in clear, to hand to the user. */
public record NewAuthorization(String referenceNumber, String authorizationCode, String subject, Instant expiresAt) {
    @Override
    public String toString() {
        return "NewAuthorization[referenceNumber=" + referenceNumber + ", authorizationCode=***, subject=" + subject
                + ", expiresAt=" + expiresAt + "]";
    }
}
