package com.ukeybridge.site.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The GM side of the site (issue 11): the SM2 CA that issues SM3withSM2 certificates and the
 * software KMC's master key. Configured with {@code gm} (docs/site-api.md, "GM certificates"); the
 * development mode (tests, {@code serve --dev}, the demo) makes both in {@code dataDir}.
 *
 * @param caKey        the SM2 CA's PKCS#12 keystore (Bouncy Castle's), made on first start
 * @param caSubject    the SM2 CA's name when it is made
 * @param kmcMasterKey where the KMC master key is: never in the database
 */
public record GmSettings(CaKeySource.Pkcs12 caKey, String caSubject, KmcMasterKeySource kmcMasterKey) {
    public static final String DEFAULT_CA_SUBJECT = "CN=UKey Bridge Update Site SM2 CA";

    public GmSettings {
        Objects.requireNonNull(caKey, "caKey");
        Objects.requireNonNull(caSubject, "caSubject");
        Objects.requireNonNull(kmcMasterKey, "kmcMasterKey");
    }

    /** The development mode: {@code gm-ca.p12} with a generated password and {@code kmc-master.key}, both 0600 in {@code dataDir}. */
    public static GmSettings inDataDir(Path dataDir) {
        return new GmSettings(new CaKeySource.Pkcs12(dataDir.resolve("gm-ca.p12"), Optional.empty()), DEFAULT_CA_SUBJECT,
                new KmcMasterKeySource.Generated(dataDir.resolve("kmc-master.key")));
    }

    /** Where the software KMC's master key (base64 of 32 random bytes) comes from. */
    public sealed interface KmcMasterKeySource {
        /** A file outside {@code dataDir} ({@code kmcMasterKeyFile}), e.g. a systemd credential. */
        record File(Path file) implements KmcMasterKeySource {
        }

        /** The value of an environment variable ({@code kmcMasterKeyEnv}). */
        record Environment(String variable, String value) implements KmcMasterKeySource {
            @Override
            public String toString() {
                return "Environment[" + variable + "=***]";
            }
        }

        /** Made on first start beside the data: the development mode only. */
        record Generated(Path file) implements KmcMasterKeySource {
        }
    }
}
