package com.ukeybridge.token;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenIdDerivationTest {

    @Test
    void whenSameFields_thenSameIdOf24LowercaseHexDigits() {
        TokenId a = TokenIdDerivation.derive("SoftHSM project", "SoftHSM v2", "1234", "Alice");
        TokenId b = TokenIdDerivation.derive("SoftHSM project", "SoftHSM v2", "1234", "Alice");

        assertThat(a).isEqualTo(b);
        assertThat(a.value()).matches("[0-9a-f]{24}");
    }

    @Test
    void whenAnyFieldDiffers_thenIdDiffers() {
        TokenId base = TokenIdDerivation.derive("M", "Model", "1", "L");

        assertThat(TokenIdDerivation.derive("M2", "Model", "1", "L")).isNotEqualTo(base);
        assertThat(TokenIdDerivation.derive("M", "Model2", "1", "L")).isNotEqualTo(base);
        assertThat(TokenIdDerivation.derive("M", "Model", "2", "L")).isNotEqualTo(base);
        assertThat(TokenIdDerivation.derive("M", "Model", "1", "L2")).isNotEqualTo(base);
    }

    @Test
    void whenTextMovesBetweenFields_thenIdDiffers() {
        assertThat(TokenIdDerivation.derive("ab", "c", "1", "L")).isNotEqualTo(TokenIdDerivation.derive("a", "bc", "1", "L"));
    }

    @Test
    void whenDerivedFromTokenInfo_thenPinFlagsDoNotMatter() {
        TokenInfo fresh = new TokenInfo("L", "M", "Model", "1", 4, 8, false, false, false);
        TokenInfo locked = new TokenInfo("L", "M", "Model", "1", 4, 8, true, true, true);

        assertThat(TokenIdDerivation.derive(locked)).isEqualTo(TokenIdDerivation.derive(fresh));
    }
}
