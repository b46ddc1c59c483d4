package com.ukeybridge.site.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a download authorization issues ({@code ra issue-code --profile}): one certificate for the
 * key's own algorithm (EC P-256 by default), or a GM dual-certificate pair for a blank GM key (issue 11).
 */
public enum DownloadProfile {
    SINGLE("single"), GM_DUAL("gm-dual");

    private final String name;

    DownloadProfile(String name) {
        this.name = name;
    }

    /** As stored and as {@code --profile} takes it. */
    public String externalName() {
        return name;
    }

    public static Optional<DownloadProfile> parse(String name) {
        return Arrays.stream(values()).filter(p -> p.name.equals(name)).findFirst();
    }
}
