package com.ukeybridge.site.download;

import java.security.SecureRandom;

/** Reference numbers (业务参考号) of download authorizations: 12 random digits, easy to read out on the phone. */
final class ReferenceNumbers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReferenceNumbers() {
    }

    static String generate() {
        StringBuilder number = new StringBuilder();
        number.append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < 12; i++) {
            number.append(RANDOM.nextInt(10));
        }
        return number.toString();
    }
}
