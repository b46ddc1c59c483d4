package com.ukeybridge.pkcs11;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnValueNamesTest {

    @Test
    void whenKnownCode_thenItsSpecificationName() {
        assertThat(ReturnValueNames.nameOf(0x000000A0L)).isEqualTo("CKR_PIN_INCORRECT");
        assertThat(ReturnValueNames.nameOf(0x00000032L)).isEqualTo("CKR_DEVICE_REMOVED");
        assertThat(ReturnValueNames.nameOf(0x00000000L)).isEqualTo("CKR_OK");
        assertThat(ReturnValueNames.nameOf(0x00000190L)).isEqualTo("CKR_CRYPTOKI_NOT_INITIALIZED");
    }

    @Test
    void whenVendorCode_thenNamedRelativeToVendorDefined() {
        assertThat(ReturnValueNames.nameOf(0x80000012L)).isEqualTo("CKR_VENDOR_DEFINED+0x12");
    }

    @Test
    void whenUnknownCode_thenHexName() {
        assertThat(ReturnValueNames.nameOf(0x00000777L)).isEqualTo("CKR_0x00000777");
    }

    @Test
    void whenExceptionMade_thenItCarriesFunctionCodeAndName() {
        Pkcs11Exception e = new Pkcs11Exception("C_Login", 0xA4L);

        assertThat(e.function()).isEqualTo("C_Login");
        assertThat(e.code()).isEqualTo(0xA4L);
        assertThat(e.codeName()).isEqualTo("CKR_PIN_LOCKED");
        assertThat(e).hasMessage("C_Login failed: CKR_PIN_LOCKED (0x000000A4)");
    }
}
