package com.ukeybridge.site.ca;

import com.ukeybridge.site.testing.TestKeys;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateAuthorityTest {
    private static final Instant NOW = Instant.parse("2027-03-01T08:00:00Z");

    @TempDir
    Path dir;

    private CertificateAuthority ca() {
        return new CertificateAuthority(Pkcs12CaKey.openOrCreate(dir.resolve("ca.p12"), Optional.of("secret"), "CN=Test Site CA,O=UKey Bridge",
                Clock.systemUTC()));
    }

    private static X509Certificate issue(CertificateAuthority ca, KeyPair keys, int days) {
        return ca.issue(new IssueOrder(X500Name.getInstance(new javax.security.auth.x500.X500Principal("CN=王五,O=某单位,C=CN").getEncoded()), SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()),
                NOW, days));
    }

    @Test
    void whenIssued_thenItIsAClientAuthenticationLoginCertificate() throws Exception {
        CertificateAuthority ca = ca();
        KeyPair keys = TestKeys.ec();

        X509Certificate certificate = issue(ca, keys, 1820);

        certificate.verify(ca.certificate().getPublicKey());
        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(1820)));
        assertThat(certificate.getKeyUsage()).containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId(), Extension.basicConstraints.getId());
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        byte[] ski = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
        byte[] caSki = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                ca.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
        byte[] aki = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
        assertThat(ski).hasSize(20);
        assertThat(aki).isEqualTo(caSki);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=王五,O=某单位,C=CN");
    }

    @Test
    void whenManyAreIssued_thenSerialsAreRandomPositiveAndAtLeast64Bits() {
        CertificateAuthority ca = ca();
        KeyPair keys = TestKeys.ec();
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            BigInteger serial = issue(ca, keys, 1).getSerialNumber();
            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isGreaterThanOrEqualTo(64);
            serials.add(serial);
        }
        assertThat(serials).hasSize(50);
        assertThat(SerialNumbers.random().bitLength()).isEqualTo(127);
    }

    @Test
    void whenTheKeystoreIsMade_thenOnlyItsOwnerCanReadItAndTheCaIsACa() throws Exception {
        CertificateAuthority ca = ca();

        assertThat(Files.getPosixFilePermissions(dir.resolve("ca.p12"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=Test Site CA,O=UKey Bridge");
        ca.certificate().verify(ca.certificate().getPublicKey());
    }

    @Test
    void whenTheKeystoreExists_thenTheSameCaIsOpened() {
        X509Certificate first = ca().certificate();

        assertThat(ca().certificate()).isEqualTo(first);
    }

    @Test
    void whenNoPasswordIsConfigured_thenARandomOneIsKeptBesideItOwnerOnly() throws Exception {
        Path file = dir.resolve("generated.p12");
        X509Certificate first = Pkcs12CaKey.openOrCreate(file, Optional.empty(), "CN=CA", Clock.systemUTC()).certificate();

        X509Certificate again = Pkcs12CaKey.openOrCreate(file, Optional.empty(), "CN=CA", Clock.systemUTC()).certificate();

        assertThat(again).isEqualTo(first);
        Path password = dir.resolve("generated.p12.password");
        assertThat(Files.getPosixFilePermissions(password)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(password)).hasSizeGreaterThanOrEqualTo(32);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder(List.of(
                "generated.p12", "generated.p12.password").toArray(String[]::new));
    }
}
