package com.ukeybridge.token;

import com.ukeybridge.token.testing.TestCa;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("softhsm")
class CertificateStoreTest {
    private static final Instant IN_30_DAYS = Instant.now().plus(Duration.ofDays(30));

    private TokenFixture fixture;
    private Token token;
    private final TestCa ca = TestCa.create();

    @BeforeEach
    void open() {
        fixture = TokenFixture.open("Store");
        token = fixture.loggedIn();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void whenCertificateStored_thenListedUnderItsKeysIdWithEveryAttribute() throws Exception {
        GeneratedKeyPair pair = token.generateKeyPair(KeyAlgorithm.RSA_2048, "key label");
        X509Certificate certificate = ca.issue(pair.publicKey(), "CN=张三,O=Test", IN_30_DAYS);

        ObjectId id = token.storeCertificate(certificate, Optional.of("证书"), Optional.empty());

        assertThat(id).isEqualTo(pair.id());
        assertThat(token.certificates()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(pair.id());
            assertThat(c.label()).isEqualTo("证书");
            assertThat(c.der()).isEqualTo(certificate.getEncoded());
        });
        assertThat(TokenObjectsProbe.objects(token, CKO_CERTIFICATE, id, CKA_TOKEN, CKA_PRIVATE, CKA_CERTIFICATE_TYPE,
                CKA_SUBJECT, CKA_ISSUER, CKA_SERIAL_NUMBER)).singleElement().satisfies(c -> {
            assertThat(c.bool(CKA_TOKEN)).contains(true);
            assertThat(c.bool(CKA_PRIVATE)).contains(false);
            assertThat(c.ulong(CKA_CERTIFICATE_TYPE)).contains(CKC_X_509);
            assertThat(c.bytes(CKA_SUBJECT).orElseThrow()).isEqualTo(certificate.getSubjectX500Principal().getEncoded());
            assertThat(c.bytes(CKA_ISSUER).orElseThrow()).isEqualTo(certificate.getIssuerX500Principal().getEncoded());
            assertThat(c.bytes(CKA_SERIAL_NUMBER).orElseThrow())
                    .isEqualTo(new org.bouncycastle.asn1.ASN1Integer(certificate.getSerialNumber()).getEncoded());
        });
    }

    @Test
    void whenNoLabelGiven_thenTheKeysLabelIsUsed() {
        GeneratedKeyPair pair = token.generateKeyPair(KeyAlgorithm.EC_P256, "the key");

        token.storeCertificate(ca.issue(pair.publicKey(), "CN=Someone", IN_30_DAYS), Optional.empty(), Optional.empty());

        assertThat(token.certificates()).singleElement().extracting(StoredCertificate::label).isEqualTo("the key");
    }

    @Test
    void whenNoLabelAndKeyUnlabelled_thenTheSubjectCommonNameIsUsed() {
        GeneratedKeyPair pair = token.generateKeyPair(KeyAlgorithm.EC_P256, "");

        token.storeCertificate(ca.issue(pair.publicKey(), "CN=李四,O=Test", IN_30_DAYS), Optional.empty(), Optional.empty());

        assertThat(token.certificates()).singleElement().extracting(StoredCertificate::label).isEqualTo("李四");
    }

    @Test
    void whenSameCertificateStoredTwice_thenSameIdAndNothingAdded() {
        GeneratedKeyPair pair = token.generateKeyPair(KeyAlgorithm.EC_P256, "k");
        X509Certificate certificate = ca.issue(pair.publicKey(), "CN=Twice", IN_30_DAYS);
        ObjectId first = token.storeCertificate(certificate, Optional.empty(), Optional.empty());
        long creates = fixture.faults().count("C_CreateObject");

        ObjectId second = token.storeCertificate(certificate, Optional.of("other label"), Optional.empty());

        assertThat(second).isEqualTo(first);
        assertThat(fixture.faults().count("C_CreateObject")).isEqualTo(creates);
        assertThat(TokenObjectsProbe.count(token, CKO_CERTIFICATE)).isEqualTo(1);
    }

    @Test
    void whenNoKeyPairsWithCertificate_thenCertKeyMismatchAndNothingWritten() throws Exception {
        token.generateKeyPair(KeyAlgorithm.EC_P256, "k");
        KeyPairGenerator elsewhere = KeyPairGenerator.getInstance("EC");
        elsewhere.initialize(256);
        X509Certificate foreign = ca.issue(elsewhere.generateKeyPair().getPublic(), "CN=Foreign", IN_30_DAYS);
        long creates = fixture.faults().count("C_CreateObject");

        assertThatThrownBy(() -> token.storeCertificate(foreign, Optional.empty(), Optional.empty()))
                .isInstanceOf(CertificateKeyMismatchException.class);
        assertThat(fixture.faults().count("C_CreateObject")).isEqualTo(creates);
        assertThat(TokenObjectsProbe.count(token, CKO_CERTIFICATE)).isZero();
    }

    @Test
    void whenRsaKeyHasNoPublicObject_thenPairedThroughThePrivateKeysModulus() {
        GeneratedKeyPair pair = token.generateKeyPair(KeyAlgorithm.RSA_2048, "k");
        TokenObjectsProbe.destroy(token, CKO_PUBLIC_KEY, pair.id());
        assertThat(TokenObjectsProbe.count(token, CKO_PUBLIC_KEY)).isZero();

        ObjectId id = token.storeCertificate(ca.issue(pair.publicKey(), "CN=NoPub", IN_30_DAYS), Optional.empty(), Optional.empty());

        assertThat(id).isEqualTo(pair.id());
    }

    @Test
    void whenReplacing_thenOldCertificateAndKeyPairGoneAndNewOneStored() {
        TestCertificates.Provisioned old = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.RSA_2048, "CN=Old", IN_30_DAYS, ca);
        GeneratedKeyPair fresh = token.generateKeyPair(KeyAlgorithm.RSA_2048, "new");
        X509Certificate renewed = ca.issue(fresh.publicKey(), "CN=Old", Instant.now().plus(Duration.ofDays(1820)));

        ObjectId id = token.storeCertificate(renewed, Optional.empty(), Optional.of(old.id()));

        assertThat(id).isEqualTo(fresh.id());
        assertThat(token.certificates()).extracting(StoredCertificate::id).containsExactly(fresh.id());
        assertThat(token.privateKeyIds()).containsExactly(fresh.id());
        assertThat(TokenObjectsProbe.count(token, CKO_PUBLIC_KEY, old.id())).isZero();
    }

    @Test
    void whenReplacesNamesNothingAndCertificateNotStored_thenObjectNotFoundAndNothingWritten() {
        GeneratedKeyPair fresh = token.generateKeyPair(KeyAlgorithm.EC_P256, "new");
        X509Certificate certificate = ca.issue(fresh.publicKey(), "CN=New", IN_30_DAYS);

        assertThatThrownBy(() -> token.storeCertificate(certificate, Optional.empty(), Optional.of(ObjectId.fromHex("0bad"))))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThat(token.certificates()).isEmpty();
    }

    @Test
    void whenReplacementAlreadyFinished_thenRetrySucceedsWithTheSameId() {
        TestCertificates.Provisioned old = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256, "CN=Old", IN_30_DAYS, ca);
        GeneratedKeyPair fresh = token.generateKeyPair(KeyAlgorithm.EC_P256, "new");
        X509Certificate renewed = ca.issue(fresh.publicKey(), "CN=Old", IN_30_DAYS);
        token.storeCertificate(renewed, Optional.empty(), Optional.of(old.id()));

        ObjectId again = token.storeCertificate(renewed, Optional.empty(), Optional.of(old.id()));

        assertThat(again).isEqualTo(fresh.id());
        assertThat(token.certificates()).hasSize(1);
    }

    @Test
    void whenReplacesIsTheNewKeysOwnId_thenIllegalArgumentAndNothingWritten() {
        GeneratedKeyPair fresh = token.generateKeyPair(KeyAlgorithm.EC_P256, "new");
        X509Certificate certificate = ca.issue(fresh.publicKey(), "CN=New", IN_30_DAYS);

        assertThatThrownBy(() -> token.storeCertificate(certificate, Optional.empty(), Optional.of(fresh.id())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(token.certificates()).isEmpty();
        assertThat(token.privateKeyIds()).containsExactly(fresh.id());
    }

    @Test
    void whenReadBackDiffers_thenWrittenObjectDestroyedAndFailure() {
        GeneratedKeyPair fresh = token.generateKeyPair(KeyAlgorithm.EC_P256, "new");
        X509Certificate certificate = ca.issue(fresh.publicKey(), "CN=New", IN_30_DAYS);
        fixture.faults().corruptNextValueRead();

        assertThatThrownBy(() -> token.storeCertificate(certificate, Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(TokenFailureException.class, e -> assertThat(e.getMessage()).contains("read back"));
        assertThat(TokenObjectsProbe.count(token, CKO_CERTIFICATE)).isZero();
    }

    @Test
    void whenNotLoggedIn_thenStoreNeedsLogin() {
        GeneratedKeyPair fresh = token.generateKeyPair(KeyAlgorithm.EC_P256, "new");
        token.logout();

        assertThatThrownBy(() -> token.storeCertificate(ca.issue(fresh.publicKey(), "CN=X", IN_30_DAYS), Optional.empty(), Optional.empty()))
                .isInstanceOf(NotLoggedInException.class);
    }

    @Test
    void whenKeyPairWithoutCertificateDeleted_thenBothHalvesGone() {
        GeneratedKeyPair pair = token.generateKeyPair(KeyAlgorithm.RSA_2048, "refused");

        token.deleteKeyPair(pair.id());

        assertThat(token.privateKeyIds()).doesNotContain(pair.id());
        assertThat(TokenObjectsProbe.count(token, CKO_PUBLIC_KEY, pair.id())).isZero();
    }

    @Test
    void whenKeyPairHasCertificate_thenDeleteRefusedAndNothingDestroyed() {
        TestCertificates.Provisioned kept = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256, "CN=Kept", IN_30_DAYS, ca);

        assertThatThrownBy(() -> token.deleteKeyPair(kept.id())).isInstanceOf(KeyHasCertificateException.class);
        assertThat(token.privateKeyIds()).containsExactly(kept.id());
        assertThat(TokenObjectsProbe.count(token, CKO_PUBLIC_KEY, kept.id())).isEqualTo(1);
    }

    @Test
    void whenDeletingUnknownKey_thenObjectNotFound() {
        assertThatThrownBy(() -> token.deleteKeyPair(ObjectId.fromHex("00112233"))).isInstanceOf(ObjectNotFoundException.class);
    }
}
