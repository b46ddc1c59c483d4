package com.ukeybridge.site.download;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Authorization codes: 16 random characters from an alphabet without look-alikes (no 0/O,
 * 1/I/L), about 79 bits, shown in groups of four ({@code K7QM-3XHP-…}). Typed codes are
 * compared case-insensitively, without dashes and spaces. Stored only as SHA-256 over a
 * per-code random salt and the code: with this much entropy a slow hash adds nothing.
 */
public final class AuthorizationCode {
    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AuthorizationCode() {
    }

    /** A fresh code, grouped for reading aloud and typing. */
    public static String generate() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    public static byte[] newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** What is compared: upper case, without dashes and white space. */
    static String normalize(String typed) {
        return typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    public static byte[] hash(byte[] salt, String typed) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(normalize(typed).getBytes(StandardCharsets.UTF_8));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison with the stored hash. */
    public static boolean matches(byte[] salt, byte[] storedHash, String typed) {
        return MessageDigest.isEqual(storedHash, hash(salt, typed));
    }
}
