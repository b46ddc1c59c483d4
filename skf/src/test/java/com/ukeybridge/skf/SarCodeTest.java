package com.ukeybridge.skf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SarCodeTest {

    @Test
    void whenCodeIsStandard_thenItsNameAndHexAreInTheMessage() {
        SkfException e = new SkfException("SKF_VerifyPIN", 0x0A000024);
        assertThat(e).hasMessage("SKF_VerifyPIN failed: SAR_PIN_INCORRECT (0x0A000024)");
        assertThat(e.codeName()).isEqualTo("SAR_PIN_INCORRECT");
        assertThat(e.sarCode()).contains(SarCode.SAR_PIN_INCORRECT);
        assertThat(e.is(SarCode.SAR_PIN_INCORRECT)).isTrue();
    }

    @Test
    void whenCodeIsAVendors_thenItIsNamedByNumber() {
        SkfException e = new SkfException("SKF_OpenContainer", 0x0A000101);
        assertThat(e).hasMessage("SKF_OpenContainer failed: SAR_0x0A000101 (0x0A000101)");
        assertThat(e.sarCode()).isEmpty();
    }

    @Test
    void whenLookingUpTheTable_thenItSpansTheStandardsRange() {
        assertThat(SarCode.values()).hasSize(0x33); // SAR_OK plus 0x0A000001..0x0A000032
        assertThat(SarCode.nameOf(0)).isEqualTo("SAR_OK");
        assertThat(SarCode.nameOf(0x0A00001B)).isEqualTo("SAR_KEYNOTFOUNTERR");
        assertThat(SarCode.nameOf(0x0A000032)).isEqualTo("SAR_REACH_MAX_CONTAINER_COUNT");
    }
}
