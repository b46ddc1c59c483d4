package com.ukeybridge.token;

import com.ukeybridge.token.testing.FaultInjectingCryptoki;
import com.ukeybridge.token.testing.TestCa;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKO_PUBLIC_KEY;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_DEVICE_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The renewal's write, interrupted at each step: whatever fails, the token keeps a certificate it
 * can sign with, and running the same write again completes the replacement (manual 5.5, abolished).
 */
@Tag("softhsm")
class CertificateReplaceFaultTest {
    private static final byte[] CHALLENGE = {1, 2, 3, 4};

    enum Step {
        WRITE_NEW_CERTIFICATE(f -> f.failNext("C_CreateObject", CKR_DEVICE_ERROR)),
        READ_BACK_NEW_CERTIFICATE(f -> f.failReadBackOfNextCreatedObject(CKR_DEVICE_ERROR)),
        DESTROY_OLD_CERTIFICATE(f -> f.failCall("C_DestroyObject", 1, CKR_DEVICE_ERROR)),
        DESTROY_OLD_PRIVATE_KEY(f -> f.failCall("C_DestroyObject", 2, CKR_DEVICE_ERROR)),
        DESTROY_OLD_PUBLIC_KEY(f -> f.failCall("C_DestroyObject", 3, CKR_DEVICE_ERROR));

        final Consumer<FaultInjectingCryptoki> inject;

        Step(Consumer<FaultInjectingCryptoki> inject) {
            this.inject = inject;
        }
    }

    private TokenFixture fixture;
    private Token token;

    @BeforeEach
    void open() {
        fixture = TokenFixture.open("Renew");
        token = fixture.loggedIn();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void whenReplaceFailsAtStep_thenAUsableCertificateRemainsAndARetryFinishes(Step step) throws Exception {
        TestCa ca = TestCa.create();
        TestCertificates.Provisioned old = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(),
                KeyAlgorithm.EC_P256, "CN=Renewing", Instant.now().plus(Duration.ofDays(30)), ca);
        GeneratedKeyPair fresh = token.generateKeyPair(KeyAlgorithm.EC_P256, "renewed");
        X509Certificate renewed = ca.issue(fresh.publicKey(), "CN=Renewing", Instant.now().plus(Duration.ofDays(1820)));

        step.inject.accept(fixture.faults());
        assertThatThrownBy(() -> token.storeCertificate(renewed, Optional.empty(), Optional.of(old.id())))
                .isInstanceOfSatisfying(TokenFailureException.class, e -> assertThat(e.ckr()).isEqualTo("CKR_DEVICE_ERROR"));
        fixture.faults().clearFaults();

        assertUsableCertificateRemains();

        ObjectId id = token.storeCertificate(renewed, Optional.empty(), Optional.of(old.id()));

        assertThat(id).isEqualTo(fresh.id());
        assertThat(token.certificates()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(fresh.id());
            assertThat(c.der()).isEqualTo(renewed.getEncoded());
        });
        assertThat(token.privateKeyIds()).containsExactly(fresh.id());
        assertThat(TokenObjectsProbe.count(token, CKO_PUBLIC_KEY, old.id())).isZero();
        assertSignsFor(renewed, fresh.id());
    }

    private void assertUsableCertificateRemains() throws Exception {
        List<StoredCertificate> certificates = token.certificates();
        assertThat(certificates).isNotEmpty();
        boolean usable = false;
        for (StoredCertificate stored : certificates) {
            if (token.privateKeyIds().contains(stored.id())) {
                assertSignsFor(parse(stored.der()), stored.id());
                usable = true;
            }
        }
        assertThat(usable).as("some certificate still has its private key").isTrue();
    }

    private void assertSignsFor(X509Certificate certificate, ObjectId keyId) throws Exception {
        byte[] signature = token.sign(keyId, SignatureAlgorithm.SHA256_WITH_ECDSA, CHALLENGE);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(CHALLENGE);
        assertThat(verifier.verify(signature)).isTrue();
    }

    private static X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
