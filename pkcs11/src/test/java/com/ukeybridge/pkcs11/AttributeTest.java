package com.ukeybridge.pkcs11;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeTest {

    @Test
    void whenUlongEncoded_thenDecodesToTheSameValue() {
        Attribute a = Attribute.of(0x100L, 3L);

        assertThat(a.value()).hasSize(com.sun.jna.NativeLong.SIZE);
        assertThat(new AttributeValues(Map.of(0x100L, a.value())).ulong(0x100L)).contains(3L);
    }

    @Test
    void whenBooleanEncoded_thenOneByteCkBbool() {
        assertThat(Attribute.of(1L, true).value()).containsExactly(1);
        assertThat(Attribute.of(1L, false).value()).containsExactly(0);
    }

    @Test
    void whenUnsignedBigInteger_thenNoSignByte() {
        assertThat(Attribute.unsigned(0x122L, BigInteger.valueOf(65537)).value()).containsExactly(1, 0, 1);
        assertThat(Attribute.unsigned(0x122L, BigInteger.valueOf(255)).value()).containsExactly(0xff);
    }

    @Test
    void whenAttributePrinted_thenValueNotShown() {
        assertThat(Attribute.of(0x11L, "secret").toString()).doesNotContain("secret").contains("6 bytes");
    }

    @Test
    void whenAttributeAbsent_thenEmptyRatherThanFailure() {
        AttributeValues values = new AttributeValues(Map.of());

        assertThat(values.bytes(0x11L)).isEmpty();
        assertThat(values.bool(0x1L)).isEmpty();
        assertThat(values.has(0x11L)).isFalse();
    }
}
