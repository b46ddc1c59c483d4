package com.ukeybridge.site.config;

import java.nio.file.Path;
import java.util.Objects;

/** HTTPS: a PKCS#12 (or JKS) keystore holding the site's key and certificate chain, and its password. */
public record TlsSettings(Path keystore, String password) {
    public TlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", password=***]";
    }
}
