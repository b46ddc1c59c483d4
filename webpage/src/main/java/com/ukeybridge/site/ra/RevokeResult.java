package com.ukeybridge.site.ra;

/** What {@code ra revoke} did to each certificate with the serial number. */
public record RevokeResult(String serialNumber, String subject, boolean revokedNow) {
}
