package com.ukeybridge.site.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where the issuing CA's private key lives: a PKCS#12 file made on first start, or an HSM over PKCS#11. */
public sealed interface CaKeySource {

    /**
     * A PKCS#12 keystore, made on first start (owner-only, 0600).
     *
     * @param file     the keystore
     * @param password its password; empty: a random one kept in {@code file + ".password"} (also 0600), the
     *                 development mode only (tests, {@code serve --dev}, the demo)
     */
    record Pkcs12(Path file, Optional<String> password) implements CaKeySource {
        public Pkcs12 {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(password, "password");
        }

        public static Pkcs12 inDataDir(Path dataDir) {
            return new Pkcs12(dataDir.resolve("ca.p12"), Optional.empty());
        }

        @Override
        public String toString() {
            return "Pkcs12[file=" + file + ", password=" + (password.isPresent() ? "***" : "generated") + "]";
        }
    }

    /**
     * A key on a PKCS#11 token, through the same binding as the agent. The CA certificate is
     * stored on the token under the key's {@code CKA_ID}; both are made on first start when
     * the token holds no certificate with {@code keyLabel} (or {@code keyId}).
     *
     * @param module     the PKCS#11 library
     * @param tokenLabel the token's label
     * @param keyLabel   the label of the CA certificate and key ({@code CKA_LABEL})
     * @param keyId      or their {@code CKA_ID}, lowercase hex
     * @param pin        the user PIN (from the environment variable the configuration names)
     */
    record Pkcs11(Path module, String tokenLabel, Optional<String> keyLabel, Optional<String> keyId, String pin)
            implements CaKeySource {
        public Pkcs11 {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(tokenLabel, "tokenLabel");
            Objects.requireNonNull(keyLabel, "keyLabel");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(pin, "pin");
            if (keyLabel.isEmpty() && keyId.isEmpty()) {
                throw new IllegalArgumentException("a PKCS#11 CA key needs keyLabel or keyId");
            }
        }

        @Override
        public String toString() {
            return "Pkcs11[module=" + module + ", tokenLabel=" + tokenLabel + ", keyLabel=" + keyLabel + ", keyId=" + keyId + ", pin=***]";
        }
    }
}
