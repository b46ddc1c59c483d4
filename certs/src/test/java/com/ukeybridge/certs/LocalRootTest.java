package com.ukeybridge.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;

class LocalRootTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final X509Certificate root = LocalRoot.generate("desk-17", CLOCK, new SecureRandom()).certificate();

    @Test
    void whenGenerated_thenItIsAnEcP256CaForOneLevelOnly() {
        assertThat(root.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) root.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(root.getVersion()).isEqualTo(3);
        assertThat(root.getBasicConstraints()).isZero(); // CA:true, pathLen 0
        assertThat(root.getKeyUsage()).containsExactly(
                false, false, false, false, false, true, true, false, false); // keyCertSign, cRLSign
    }

    @Test
    void whenGenerated_thenExactlyTheExpectedExtensionsAreMarkedCritical() {
        assertThat(root.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(
                Extension.basicConstraints.getId(), Extension.keyUsage.getId(), Extension.nameConstraints.getId());
        assertThat(root.getNonCriticalExtensionOIDs()).containsExactly(Extension.subjectKeyIdentifier.getId());
    }

    @Test
    void whenGenerated_thenNameConstraintsPermitOnlyLoopbackAddressesWithFullMasksAndLocalhost() throws Exception {
        NameConstraints constraints = NameConstraints.getInstance(
                new JcaX509CertificateHolder(root).getExtension(Extension.nameConstraints).getParsedValue());

        assertThat(constraints.getExcludedSubtrees()).isNull();
        List<String> permitted = Arrays.stream(constraints.getPermittedSubtrees())
                .map(LocalRootTest::describe)
                .toList();
        assertThat(permitted).containsExactly(
                "ip 7f000001ffffffff",
                "ip 00000000000000000000000000000001ffffffffffffffffffffffffffffffff",
                "dns localhost");
    }

    private static String describe(GeneralSubtree subtree) {
        assertThat(subtree.getMinimum()).isZero();
        assertThat(subtree.getMaximum()).isNull();
        GeneralName base = subtree.getBase();
        return switch (base.getTagNo()) {
            case GeneralName.iPAddress -> "ip " + java.util.HexFormat.of().formatHex(
                    ASN1OctetString.getInstance(base.getName()).getOctets());
            case GeneralName.dNSName -> "dns " + base.getName();
            default -> "other " + base;
        };
    }

    @Test
    void whenGenerated_thenItIsSelfSignedWithASubjectKeyIdentifier() throws Exception {
        root.verify(root.getPublicKey());
        assertThat(root.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(root.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        assertThat(root.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNull();
    }

    @Test
    void whenGenerated_thenSubjectNamesThisMachineAndTheProduct() {
        assertThat(root.getSubjectX500Principal().getName())
                .contains("CN=UKey Bridge local root (desk-17)")
                .contains("O=UKey Bridge")
                .contains("OU=Created 2026-03-01T08:00:00Z id ");
    }

    @Test
    void whenMachineNameIsVeryLong_thenCommonNameStaysWithinItsUpperBound() {
        X509Certificate longNamed = LocalRoot.generate("h".repeat(200), CLOCK, new SecureRandom()).certificate();

        String cn = longNamed.getSubjectX500Principal().getName().replaceAll("^CN=([^,]*),.*$", "$1");
        assertThat(cn).hasSizeLessThanOrEqualTo(64).startsWith("UKey Bridge local root (hhh").endsWith(")");
    }

    @Test
    void whenGeneratedTwiceOnOneMachine_thenSubjectSerialAndKeyDiffer() {
        X509Certificate other = LocalRoot.generate("desk-17", CLOCK, new SecureRandom()).certificate();

        assertThat(other.getSubjectX500Principal()).isNotEqualTo(root.getSubjectX500Principal());
        assertThat(other.getSerialNumber()).isNotEqualTo(root.getSerialNumber());
        assertThat(other.getPublicKey()).isNotEqualTo(root.getPublicKey());
    }

    @Test
    void whenGenerated_thenSerialIsPositiveWithAtLeast64Bits() {
        assertThat(root.getSerialNumber().signum()).isPositive();
        assertThat(root.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
    }

    @Test
    void whenGenerated_thenValidFromAFewMinutesAgoForLongerThanTheAgentCertificate() {
        assertThat(root.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        Duration validity = Duration.between(root.getNotBefore().toInstant(), root.getNotAfter().toInstant());
        assertThat(validity).isGreaterThan(AgentCertificateIssuer.VALIDITY);
    }
}
