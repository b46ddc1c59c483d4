package com.ukeybridge.site.ca;

import com.ukeybridge.site.config.CaKeySource;
import com.ukeybridge.site.testing.TestKeys;
import com.ukeybridge.token.testing.SoftHsm;
import com.ukeybridge.token.testing.TokenFixture;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The CA key in an HSM: SoftHSM2 through the project's PKCS#11 binding. */
@Tag("softhsm")
class Pkcs11CaKeyTest {
    private static SoftHsm hsm;

    @BeforeAll
    static void makeToken() {
        hsm = SoftHsm.create();
        hsm.initToken("site-ca", TokenFixture.PIN);
    }

    @AfterAll
    static void removeToken() {
        hsm.close();
    }

    private static CaKeySource.Pkcs11 source() {
        return new CaKeySource.Pkcs11(SoftHsm.MODULE, "site-ca", Optional.of("issuing-ca"), Optional.empty(), TokenFixture.PIN);
    }

    @Test
    void whenTheTokenHasNoCa_thenTheKeyIsMadeOnItAndCertificatesVerify() throws Exception {
        X509Certificate caCertificate;
        String keyId;
        try (Pkcs11CaKey key = Pkcs11CaKey.openOrCreate(source(), "CN=HSM CA", Clock.systemUTC())) {
            caCertificate = key.certificate();
            keyId = key.keyId().hex();
            X509Certificate issued = new CertificateAuthority(key).issue(new IssueOrder(new X500Name("CN=赵六"),
                    SubjectPublicKeyInfo.getInstance(TestKeys.ec().getPublic().getEncoded()), Instant.now(), 1820));
            issued.verify(caCertificate.getPublicKey());
            caCertificate.verify(caCertificate.getPublicKey());
        }

        // The private key is on the token, sensitive and not extractable; the CA certificate beside it.
        String objects = hsm.pkcs11Tool("--token-label", "site-ca", "--login", "--pin", TokenFixture.PIN, "--list-objects");
        assertThat(objects).contains("Private Key Object").contains("sensitive").contains("never extractable")
                .contains("Certificate Object").contains("issuing-ca").contains(keyId);

        try (Pkcs11CaKey reopened = Pkcs11CaKey.openOrCreate(source(), "CN=HSM CA", Clock.systemUTC())) {
            assertThat(reopened.certificate()).isEqualTo(caCertificate);
            X509Certificate issued = new CertificateAuthority(reopened).issue(new IssueOrder(new X500Name("CN=钱七"),
                    SubjectPublicKeyInfo.getInstance(TestKeys.rsa(2048).getPublic().getEncoded()), Instant.now(), 1822));
            issued.verify(caCertificate.getPublicKey());
        }
    }
}
