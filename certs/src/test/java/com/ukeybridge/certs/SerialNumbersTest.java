package com.ukeybridge.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SerialNumbersTest {
    /** The worst a random source can hand out for the sign and length of a serial. */
    private static SecureRandom constant(int value) {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) value);
            }
        };
    }

    @Test
    void whenRandomBytesAreAllZero_thenSerialIsStillPositiveWith127Bits() {
        BigInteger serial = SerialNumbers.random(constant(0x00));

        assertThat(serial.signum()).isPositive();
        assertThat(serial.bitLength()).isEqualTo(127);
    }

    @Test
    void whenRandomBytesAreAllOnes_thenSerialIsPositiveAndFitsSixteenOctets() {
        BigInteger serial = SerialNumbers.random(constant(0xFF));

        assertThat(serial.signum()).isPositive();
        assertThat(serial.toByteArray()).hasSize(16);
    }

    @Test
    void whenDrawnTwice_thenSerialsDiffer() {
        SecureRandom random = new SecureRandom();

        assertThat(SerialNumbers.random(random)).isNotEqualTo(SerialNumbers.random(random));
    }
}
