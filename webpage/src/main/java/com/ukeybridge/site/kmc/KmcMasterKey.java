package com.ukeybridge.site.kmc;

import com.ukeybridge.site.ca.OwnerOnlyFiles;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The software KMC's master key: 32 random bytes (AES-256), base64 in a file or an environment
 * variable, never in the database, so a copy of the records alone opens no escrowed key
 * (SECURITY.md, "The KMC"). Only the development mode makes one, beside the data.
 */
public final class KmcMasterKey {
    public static final int LENGTH = 32;

    private KmcMasterKey() {
    }

    /** The master key {@code source} names (the development mode's is made on first use). */
    public static SecretKey open(com.ukeybridge.site.config.GmSettings.KmcMasterKeySource source) {
        if (source instanceof com.ukeybridge.site.config.GmSettings.KmcMasterKeySource.File file) {
            return read(file.file());
        }
        if (source instanceof com.ukeybridge.site.config.GmSettings.KmcMasterKeySource.Environment env) {
            return decode(env.value(), "the environment variable " + env.variable());
        }
        return readOrCreate(((com.ukeybridge.site.config.GmSettings.KmcMasterKeySource.Generated) source).file());
    }

    /** The master key {@code source} names, never made here: the development mode's must exist already. */
    public static SecretKey openExisting(com.ukeybridge.site.config.GmSettings.KmcMasterKeySource source) {
        if (source instanceof com.ukeybridge.site.config.GmSettings.KmcMasterKeySource.Generated generated) {
            return read(generated.file());
        }
        return open(source);
    }

    /** @throws KmcException unless {@code base64} is 32 bytes in base64 */
    public static SecretKey decode(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new KmcException("the KMC master key in " + where + " is not base64");
        }
        if (bytes.length != LENGTH) {
            throw new KmcException("the KMC master key in " + where + " must be 32 bytes (base64 of 32 random bytes), got " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** @throws KmcException when the file is missing or does not hold a master key */
    public static SecretKey read(Path file) {
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new KmcException("cannot read the KMC master key " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code file}, making it (0600) first if it is missing: the development mode only. */
    public static SecretKey readOrCreate(Path file) {
        if (!Files.exists(file)) {
            byte[] key = new byte[LENGTH];
            new SecureRandom().nextBytes(key);
            OwnerOnlyFiles.create(file, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return read(file);
    }
}
