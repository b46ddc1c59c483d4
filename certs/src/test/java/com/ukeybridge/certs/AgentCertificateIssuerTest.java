package com.ukeybridge.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.Test;

class AgentCertificateIssuerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    // Tests keep the in-memory root (production code lets it go) to issue certificates of their own.
    private final LocalRoot root = LocalRoot.generate("desk-17", CLOCK, new SecureRandom());
    private final AgentCredentials agent = AgentCertificateIssuer.issue(root, CLOCK, new SecureRandom());
    private final X509Certificate leaf = agent.certificate();

    @Test
    void whenIssued_thenItNamesTheThreeLoopbackNamesInItsSan() throws Exception {
        assertThat(leaf.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(GeneralName.iPAddress, "127.0.0.1"),
                List.of(GeneralName.iPAddress, "0:0:0:0:0:0:0:1"),
                List.of(GeneralName.dNSName, "localhost"));
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=localhost,O=UKey Bridge");
    }

    @Test
    void whenIssued_thenItIsAnEcP256ServerCertificateThatCannotSign() throws Exception {
        assertThat(leaf.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_serverAuth.getId());
        assertThat(leaf.getKeyUsage()).containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(
                Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(leaf.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
    }

    @Test
    void whenIssued_thenAuthorityKeyIdentifierIsTheRootsSubjectKeyIdentifier() throws Exception {
        byte[] rootKeyId = SubjectKeyIdentifier.fromExtensions(
                new JcaX509CertificateHolder(root.certificate()).getExtensions()).getKeyIdentifier();
        JcaX509CertificateHolder holder = new JcaX509CertificateHolder(leaf);

        assertThat(AuthorityKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifier()).isEqualTo(rootKeyId);
        assertThat(SubjectKeyIdentifier.fromExtensions(holder.getExtensions())).isNotNull();
    }

    @Test
    void whenIssued_thenValidFromFiveMinutesAgoForAtMost825Days() {
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();

        assertThat(notBefore).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(Duration.between(notBefore, notAfter)).isEqualTo(Duration.ofDays(820))
                .isLessThanOrEqualTo(Duration.ofDays(825));
        assertThat(notAfter).isBeforeOrEqualTo(root.certificate().getNotAfter().toInstant());
    }

    @Test
    void whenValidatedWithPkix_thenLeafVerifiesUnderRootAndFitsItsNameConstraints() {
        assertThatNoException().isThrownBy(() -> PkixPath.validate(leaf, root.certificate(), NOW));
    }

    @Test
    void whenValidatedAfterItExpires_thenPkixRejectsIt() {
        assertThatThrownBy(() -> PkixPath.validate(leaf, root.certificate(), NOW.plus(Duration.ofDays(821))))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void whenRootSignsALeafForAnotherDnsName_thenPkixRejectsItForTheNameConstraints() throws Exception {
        X509Certificate foreign = issueOutsideConstraints(new GeneralName(GeneralName.dNSName, "example.com"));

        assertThatThrownBy(() -> PkixPath.validate(foreign, root.certificate(), NOW))
                .isInstanceOf(CertPathValidatorException.class)
                .hasMessageContaining("name constraints");
    }

    @Test
    void whenRootSignsALeafForAnotherIpAddress_thenPkixRejectsItForTheNameConstraints() throws Exception {
        X509Certificate foreign = issueOutsideConstraints(new GeneralName(GeneralName.iPAddress,
                new DEROctetString(InetAddress.getByName("192.168.1.10").getAddress())));

        assertThatThrownBy(() -> PkixPath.validate(foreign, root.certificate(), NOW))
                .isInstanceOf(CertPathValidatorException.class)
                .hasMessageContaining("name constraints");
    }

    /** What an attacker holding the root key would try: a certificate for a name outside the loopback. */
    private X509Certificate issueOutsideConstraints(GeneralName name) throws Exception {
        KeyPair keys = EcKeys.generateP256(new SecureRandom());
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                root.certificate(), BigInteger.valueOf(42),
                Date.from(NOW.minusSeconds(60)), Date.from(NOW.plus(Duration.ofDays(30))),
                new X500Name("CN=example"), keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
        return new JcaX509CertificateConverter().getCertificate(builder.build(root.signer()));
    }
}
