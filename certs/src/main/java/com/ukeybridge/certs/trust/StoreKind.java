package com.ukeybridge.certs.trust;

/** The kinds of trust store we manage; the {@link #key()} is what installed-roots.json and --json say. */
public enum StoreKind {
    SYSTEM_CA("system-ca", "System CA store"),
    CHROME_NSS("chrome-nss", "Chrome/Chromium NSS database"),
    FIREFOX_PROFILE("firefox-profile", "Firefox profile"),
    FIREFOX_POLICY("firefox-policy", "Firefox enterprise policy"),
    WINDOWS_MACHINE_ROOT("windows-machine-root", "Windows LocalMachine Root store"),
    WINDOWS_USER_ROOT("windows-user-root", "Windows CurrentUser Root store"),
    MACOS_KEYCHAIN("macos-keychain", "macOS keychain");

    private final String key;
    private final String label;

    StoreKind(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    static StoreKind fromKey(String key) {
        for (StoreKind kind : values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown store kind: " + key);
    }
}
