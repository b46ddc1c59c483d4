package com.ukeybridge.installer.policy;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the browsers read machine-wide policies on Linux.
 *
 * @param chromiumDirectories the "managed" policy folders of Google Chrome, Chromium and Microsoft Edge
 * @param firefoxPolicies Firefox's enterprise policy file, shared with other administrators and with {@code certs install}
 */
public record PolicyLocations(List<Path> chromiumDirectories, Path firefoxPolicies) {
    /** The name of our file in each Chromium-family folder; the browsers merge every JSON file there. */
    public static final String CHROMIUM_FILE = "ukey-bridge.json";

    public PolicyLocations {
        chromiumDirectories = List.copyOf(chromiumDirectories);
    }

    /** The default places, below {@code root} instead of {@code /} (tests, image builders). */
    public static PolicyLocations under(Path root) {
        return new PolicyLocations(
                List.of(root.resolve("etc/opt/chrome/policies/managed"),
                        root.resolve("etc/chromium/policies/managed"),
                        root.resolve("etc/opt/edge/policies/managed")),
                root.resolve("etc/firefox/policies/policies.json"));
    }
}
