package com.ukeybridge.token;

import com.ukeybridge.pkcs11.AttributeValues;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.*;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("softhsm")
class KeyGenerationTest {
    private static TokenFixture fixture;
    private static Token token;

    @BeforeAll
    static void open() {
        fixture = TokenFixture.open("Keys");
        token = fixture.loggedIn();
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @Test
    void whenRsaGenerated_thenBothHalvesShareA20ByteIdAndPrivateHalfIsLockedDown() {
        GeneratedKeyPair pair = token.generateKeyPair(KeyAlgorithm.RSA_2048, "新密钥");

        assertThat(pair.id().bytes()).hasSize(20);
        assertThat(pair.algorithm()).isEqualTo(KeyAlgorithm.RSA_2048);
        RSAPublicKey publicKey = (RSAPublicKey) pair.publicKey();
        assertThat(publicKey.getModulus().bitLength()).isEqualTo(2048);
        assertThat(publicKey.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));

        List<AttributeValues> privateKeys = TokenObjectsProbe.objects(token, CKO_PRIVATE_KEY, pair.id(),
                CKA_TOKEN, CKA_PRIVATE, CKA_SENSITIVE, CKA_EXTRACTABLE, CKA_SIGN, CKA_LABEL, CKA_KEY_TYPE, CKA_MODULUS,
                CKA_PRIVATE_EXPONENT);
        assertThat(privateKeys).singleElement().satisfies(k -> {
            assertThat(k.bool(CKA_TOKEN)).contains(true);
            assertThat(k.bool(CKA_PRIVATE)).contains(true);
            assertThat(k.bool(CKA_SENSITIVE)).contains(true);
            assertThat(k.bool(CKA_EXTRACTABLE)).contains(false);
            assertThat(k.bool(CKA_SIGN)).contains(true);
            assertThat(k.string(CKA_LABEL)).contains("新密钥");
            assertThat(k.ulong(CKA_KEY_TYPE)).contains(CKK_RSA);
            assertThat(new BigInteger(1, k.bytes(CKA_MODULUS).orElseThrow())).isEqualTo(publicKey.getModulus());
            // Sensitive: the token refuses to give it, and the checked layer leaves it out.
            assertThat(k.has(CKA_PRIVATE_EXPONENT)).isFalse();
        });
        List<AttributeValues> publicKeys = TokenObjectsProbe.objects(token, CKO_PUBLIC_KEY, pair.id(),
                CKA_TOKEN, CKA_VERIFY, CKA_LABEL);
        assertThat(publicKeys).singleElement().satisfies(k -> {
            assertThat(k.bool(CKA_TOKEN)).contains(true);
            assertThat(k.bool(CKA_VERIFY)).contains(true);
            assertThat(k.string(CKA_LABEL)).contains("新密钥");
        });
    }

    @Test
    void whenEcGenerated_thenP256PublicKeyReadFromWrappedEcPoint() {
        GeneratedKeyPair pair = token.generateKeyPair(KeyAlgorithm.EC_P256, "ec");

        ECPublicKey publicKey = (ECPublicKey) pair.publicKey();
        assertThat(publicKey.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(TokenObjectsProbe.objects(token, CKO_PRIVATE_KEY, pair.id(), CKA_SENSITIVE, CKA_EXTRACTABLE, CKA_KEY_TYPE))
                .singleElement().satisfies(k -> {
                    assertThat(k.bool(CKA_SENSITIVE)).contains(true);
                    assertThat(k.bool(CKA_EXTRACTABLE)).contains(false);
                    assertThat(k.ulong(CKA_KEY_TYPE)).contains(CKK_EC);
                });
        assertThat(TokenObjectsProbe.objects(token, CKO_PUBLIC_KEY, pair.id(), CKA_EC_POINT)).singleElement()
                .satisfies(k -> assertThat(k.bytes(CKA_EC_POINT).orElseThrow()).startsWith(0x04, 0x41, 0x04));
    }

    @Test
    void whenTwoPairsGenerated_thenTheirIdsDiffer() {
        ObjectId a = token.generateKeyPair(KeyAlgorithm.EC_P256, "a").id();
        ObjectId b = token.generateKeyPair(KeyAlgorithm.EC_P256, "b").id();

        assertThat(a).isNotEqualTo(b);
        assertThat(token.privateKeyIds()).contains(a, b);
    }

    @Test
    void whenTokenFull_thenTokenFullException() {
        fixture.faults().failNext("C_GenerateKeyPair", CKR_DEVICE_MEMORY);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> token.generateKeyPair(KeyAlgorithm.EC_P256, "full"))
                .isInstanceOf(TokenFullException.class);
    }

    @Test
    void whenMechanismMissing_thenUnsupportedKeyListingWhatTheTokenOffers() {
        fixture.faults().failNext("C_GenerateKeyPair", CKR_MECHANISM_INVALID);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> token.generateKeyPair(KeyAlgorithm.EC_P256, "x"))
                .isInstanceOfSatisfying(UnsupportedKeyException.class, e -> assertThat(e.supported()).containsExactly("RSA-2048"));
    }
}
