package com.ukeybridge.site.issuance;

import com.ukeybridge.site.refusal.CsrInvalidException;
import com.ukeybridge.site.refusal.UnsupportedKeyException;
import com.ukeybridge.site.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateRequestTest {
    @Test
    void whenAnEcRequestIsSelfSigned_thenItsKeyIsTaken() throws Exception {
        KeyPair keys = TestKeys.ec();

        CertificateRequest request = CertificateRequest.parse(TestKeys.csr(keys, "CN=x"));

        assertThat(request.keyAlgorithm()).isEqualTo("EC-P256");
        assertThat(request.publicKey().getEncoded()).isNotNull();
    }

    @Test
    void whenAnRsa2048RequestIsSelfSigned_thenItsKeyIsTaken() {
        assertThat(CertificateRequest.parse(TestKeys.csr(TestKeys.rsa(2048), "CN=x")).keyAlgorithm()).isEqualTo("RSA-2048");
    }

    @Test
    void whenSignedByAnotherKey_thenCsrInvalid() {
        assertThatThrownBy(() -> CertificateRequest.parse(TestKeys.csr(TestKeys.ec().getPublic(), TestKeys.ec().getPrivate(), "CN=x")))
                .isInstanceOf(CsrInvalidException.class);
    }

    @Test
    void whenNotPkcs10_thenCsrInvalid() {
        assertThatThrownBy(() -> CertificateRequest.parse(new byte[]{0x30, 0x00})).isInstanceOf(CsrInvalidException.class);
        assertThatThrownBy(() -> CertificateRequest.parse(new byte[]{1, 2, 3})).isInstanceOf(CsrInvalidException.class);
    }

    @Test
    void whenRsa1024_thenUnsupportedKey() {
        assertThatThrownBy(() -> CertificateRequest.parse(TestKeys.csr(TestKeys.rsa(1024), "CN=x")))
                .isInstanceOf(UnsupportedKeyException.class).hasMessageContaining("RSA-1024");
    }
}
