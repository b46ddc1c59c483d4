package com.ukeybridge.site.issuance;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.ukeybridge.site.refusal.CsrInvalidException;
import com.ukeybridge.site.refusal.UnsupportedKeyException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page's {@code csr}, any bytes: a request whose signature verifies, or the API's
 * {@code CSR_INVALID} or {@code UNSUPPORTED_KEY}, nothing else (docs/site-api.md).
 */
class CertificateRequestFuzzTest {
    @FuzzTest
    void whenAnyBytesArriveAsACsr_thenARequestOrTheApisRefusal(byte[] der) {
        try {
            CertificateRequest request = CertificateRequest.parse(der);
            assertThat(request.keyAlgorithm()).isIn(PublicKeys.RSA_2048, PublicKeys.EC_P256);
            assertThat(request.publicKeySha256()).hasSize(64);
        } catch (CsrInvalidException | UnsupportedKeyException expected) {
            // the refusals the API lists for a request
        }
    }
}
