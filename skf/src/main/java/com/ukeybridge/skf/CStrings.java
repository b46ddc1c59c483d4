package com.ukeybridge.skf;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** NUL-terminated strings and multi-strings (names each ended by NUL, the list by one more) as SKF passes them. */
final class CStrings {
    private CStrings() {
    }

    static byte[] of(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SKF string cannot hold NUL");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    /** A secret (PIN) as a C string; the caller wipes the result with {@link #wipe}. */
    static byte[] ofSecret(char[] secret) {
        var encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] bytes = new byte[encoded.remaining() + 1];
        encoded.get(bytes, 0, bytes.length - 1);
        Arrays.fill(encoded.array(), (byte) 0);
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] == 0) {
                wipe(bytes);
                throw new IllegalArgumentException("a PIN cannot hold NUL");
            }
        }
        return bytes;
    }

    static void wipe(byte[] secret) {
        Arrays.fill(secret, (byte) 0);
    }

    /** The string before the first NUL (or the whole array). */
    static String decode(byte[] field) {
        int end = 0;
        while (end < field.length && field[end] != 0) {
            end++;
        }
        return new String(field, 0, end, StandardCharsets.UTF_8).strip();
    }

    /** Parses a multi-string of the given size; sizes 0 to 2 mean empty, as vendors differ there. */
    static List<String> names(byte[] list, int size) {
        List<String> names = new ArrayList<>();
        int start = 0;
        int limit = Math.min(size, list.length);
        while (start < limit && list[start] != 0) {
            int end = start;
            while (end < limit && list[end] != 0) {
                end++;
            }
            names.add(new String(list, start, end - start, StandardCharsets.UTF_8));
            start = end + 1;
        }
        return List.copyOf(names);
    }
}
