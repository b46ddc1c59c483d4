package com.ukeybridge.site.config;

/**
 * The download rules (manual 4): a downloaded certificate is valid {@code validityDays}; an
 * authorization expires after {@code codeValidDays} and locks after {@code maxAttempts} wrong codes.
 */
public record DownloadSettings(int validityDays, int codeValidDays, int maxAttempts) {
    public static final DownloadSettings DEFAULTS = new DownloadSettings(1822, 14, 5);

    public DownloadSettings {
        if (validityDays < 1 || codeValidDays < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("download settings out of range");
        }
    }
}
