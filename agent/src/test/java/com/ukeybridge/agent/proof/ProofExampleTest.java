package com.ukeybridge.agent.proof;

import com.ukeybridge.agent.ProtocolDocument;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked example of docs/protocol.md ("The proof message"): every value in it is what the agent's code and any verifier compute. */
class ProofExampleTest {
    private static final HexFormat HEX = HexFormat.of();
    private static String proofSection;
    private static Map<String, byte[]> example;

    @BeforeAll
    static void read() {
        proofSection = ProtocolDocument.section(ProtocolDocument.read().version(2), "### The proof message");
        example = new LinkedHashMap<>();
        for (List<String> row : ProtocolDocument.table(ProtocolDocument.section(proofSection, "#### Worked example"))) {
            example.put(row.get(0), HEX.parseHex(row.get(1)));
        }
    }

    private static byte[] value(String name) {
        assertThat(example).as("the worked example's table").containsKey(name);
        return example.get(name);
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    @Test
    void whenThePrefixIsReadFromTheDocument_thenItIsTheAgentsPrefix() {
        String line = proofSection.lines().filter(l -> l.startsWith("P = ")).findFirst().orElseThrow();
        assertThat(HEX.parseHex(line.substring(4).replace(" ", ""))).isEqualTo(ProofMessage.PREFIX);
        assertThat(ProofMessage.PREFIX).hasSize(20);
    }

    @Test
    void whenTheExampleMessageIsRebuilt_thenEveryIntermediateValueMatches() throws Exception {
        String origin = new String(value("origin (UTF-8)"), StandardCharsets.UTF_8);
        byte[] message = ProofMessage.of(origin, value("challenge"), value("binding"));

        assertThat(origin).isEqualTo("https://update.example.gov.cn");
        assertThat(value("O = SHA-256(origin)")).isEqualTo(sha256(value("origin (UTF-8)")));
        assertThat(value("C = SHA-256(challenge)")).isEqualTo(sha256(value("challenge")));
        assertThat(message).isEqualTo(value("M")).hasSize(ProofMessage.LENGTH);
        assertThat(Arrays.copyOfRange(message, 20, 52)).isEqualTo(value("O = SHA-256(origin)"));
        assertThat(Arrays.copyOfRange(message, 52, 84)).isEqualTo(value("C = SHA-256(challenge)"));
        assertThat(value("SHA-256(M)")).isEqualTo(sha256(message));
    }

    @Test
    void whenTheExampleSignatureIsVerified_thenItVerifiesWithTheExampleKeyAndIsRfc6979s() throws Exception {
        X9ECParameters curve = SECNamedCurves.getByName("secp256r1");
        ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        BigInteger d = new BigInteger(1, value("private key d"));
        assertThat(domain.getG().multiply(d).normalize().getEncoded(false)).isEqualTo(value("public key Q (uncompressed)"));

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey(value("public key Q (uncompressed)")));
        verifier.update(value("M"));
        assertThat(verifier.verify(value("signature (SHA256withECDSA, DER)"))).isTrue();

        ECDSASigner deterministic = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        deterministic.init(true, new ECPrivateKeyParameters(d, domain));
        BigInteger[] rs = deterministic.generateSignature(sha256(value("M")));
        ASN1EncodableVector sequence = new ASN1EncodableVector();
        sequence.add(new ASN1Integer(rs[0]));
        sequence.add(new ASN1Integer(rs[1]));
        assertThat(new DERSequence(sequence).getEncoded("DER")).isEqualTo(value("signature (SHA256withECDSA, DER)"));
    }

    @Test
    void whenTheWireExampleIsRead_thenItCarriesTheTablesValuesInBase64() {
        Base64.Encoder base64 = Base64.getEncoder();
        assertThat(proofSection)
                .contains("\"challenge\":\"" + base64.encodeToString(value("challenge")) + "\"")
                .contains("\"binding\":\"" + base64.encodeToString(value("binding")) + "\"")
                .contains("\"signature\":\"" + base64.encodeToString(value("signature (SHA256withECDSA, DER)")) + "\"");
    }

    @Test
    void whenTheOriginDiffers_thenTheExampleSignatureDoesNotVerify() throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey(value("public key Q (uncompressed)")));
        verifier.update(ProofMessage.of("https://update.example.gov.cn:8443", value("challenge"), value("binding")));
        assertThat(verifier.verify(value("signature (SHA256withECDSA, DER)"))).isFalse();
    }

    private static PublicKey publicKey(byte[] uncompressed) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }
}
