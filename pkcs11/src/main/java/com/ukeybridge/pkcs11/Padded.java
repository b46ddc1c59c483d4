package com.ukeybridge.pkcs11;

import java.nio.charset.StandardCharsets;

/** PKCS#11 fixed-size UTF-8 fields, padded with blanks (some tokens pad with NULs). */
final class Padded {
    private Padded() {
    }

    static String text(byte[] field) {
        int end = field.length;
        while (end > 0 && (field[end - 1] == ' ' || field[end - 1] == 0)) {
            end--;
        }
        return new String(field, 0, end, StandardCharsets.UTF_8);
    }
}
