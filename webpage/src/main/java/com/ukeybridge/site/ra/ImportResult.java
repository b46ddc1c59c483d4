package com.ukeybridge.site.ra;

/** One certificate offered to {@code ra import-cert}: imported now, or already known. */
public record ImportResult(String serialNumber, String subject, boolean imported) {
}
