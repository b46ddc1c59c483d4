package com.ukeybridge.site.renewal;

import com.ukeybridge.site.config.SiteOrigin;
import com.ukeybridge.site.refusal.ProofInvalidException;
import com.ukeybridge.site.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bytes of the v2 proof (docs/protocol.md, proveKey) as the site rebuilds them, and what verifies. */
class ProofOfPossessionTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SiteOrigin SITE = SiteOrigin.parse("https://update.example.gov.cn");
    private static final byte[] CHALLENGE = bytes(IntStream.range(0, 32));
    private static final byte[] BINDING = TestKeys.sha256("new key".getBytes(StandardCharsets.US_ASCII));

    @Test
    void whenTheMessageIsBuilt_thenItIsTheDesignsBytes() {
        byte[] m = ProofOfPossession.message(SITE, CHALLENGE, BINDING);

        // Computed outside Java (Python's hashlib) from the design: P ‖ SHA-256(O) ‖ SHA-256(C) ‖ B.
        assertThat(HEX.formatHex(m)).isEqualTo("554b65794272696467652070726f6f662076320061034c77c3f2fc282ec4975fd714f7827aa537"
                + "259f14716a336b250474e09a36630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd812d43bf64caed9e"
                + "dac6955625540c4efd73b32e33d1ab3538bdb437fa44779e");
        assertThat(m).hasSize(116).hasSize(ProofOfPossession.MESSAGE_LENGTH);
        assertThat(HEX.formatHex(TestKeys.sha256(m))).isEqualTo("a5b19ffff1117131f7543fc0c3485d1912144144086bf728c2f1dbe16ef8bcc3");
        assertThat(m).isEqualTo(TestKeys.proofMessageWithBinding(SITE.value(), CHALLENGE, BINDING));
    }

    @Test
    void whenTheOldKeySignedTheMessage_thenTheProofVerifies_forEcAndRsa() {
        for (KeyPair old : List.of(TestKeys.ec(), TestKeys.rsa(2048))) {
            byte[] proof = TestKeys.sign(old.getPrivate(), TestKeys.proofMessageWithBinding(SITE.value(), CHALLENGE, BINDING));

            assertThatCode(() -> ProofOfPossession.verify(old.getPublic(), List.of(SITE), CHALLENGE, BINDING, proof))
                    .as(old.getPublic().getAlgorithm()).doesNotThrowAnyException();
        }
    }

    @Test
    void whenAnyPartDiffers_thenProofInvalid() {
        KeyPair old = TestKeys.ec();
        byte[] proof = TestKeys.sign(old.getPrivate(), TestKeys.proofMessageWithBinding(SITE.value(), CHALLENGE, BINDING));
        byte[] otherChallenge = CHALLENGE.clone();
        otherChallenge[0] ^= 1;
        byte[] otherBinding = BINDING.clone();
        otherBinding[31] ^= 1;

        assertInvalid(old, List.of(SiteOrigin.parse("https://update.example.gov.cn:8443")), CHALLENGE, BINDING, proof);
        assertInvalid(old, List.of(SiteOrigin.parse("http://update.example.gov.cn")), CHALLENGE, BINDING, proof);
        assertInvalid(old, List.of(SITE), otherChallenge, BINDING, proof);
        assertInvalid(old, List.of(SITE), CHALLENGE, otherBinding, proof);
        assertInvalid(TestKeys.ec(), List.of(SITE), CHALLENGE, BINDING, proof);
        // v1's proof, the bare signature over the challenge, binds nothing: refused.
        assertInvalid(old, List.of(SITE), CHALLENGE, BINDING, TestKeys.sign(old.getPrivate(), CHALLENGE));
        assertInvalid(old, List.of(SITE), CHALLENGE, BINDING, new byte[]{0x30, 0x00});
        assertInvalid(old, List.of(), CHALLENGE, BINDING, proof);
    }

    @Test
    void whenTheSiteAnswersForSeveralLoopbackOrigins_thenAProofForAnyOfThemVerifies() {
        KeyPair old = TestKeys.ec();
        List<SiteOrigin> loopback = SiteOrigin.loopback(false, 8080);
        for (String origin : List.of("http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080")) {
            byte[] proof = TestKeys.sign(old.getPrivate(), TestKeys.proofMessageWithBinding(origin, CHALLENGE, BINDING));
            assertThatCode(() -> ProofOfPossession.verify(old.getPublic(), loopback, CHALLENGE, BINDING, proof)).as(origin)
                    .doesNotThrowAnyException();
        }
        byte[] elsewhere = TestKeys.sign(old.getPrivate(), TestKeys.proofMessageWithBinding("http://localhost:8081", CHALLENGE, BINDING));
        assertInvalid(old, loopback, CHALLENGE, BINDING, elsewhere);
    }

    /**
     * The worked example of docs/protocol.md ("Worked example", under proveKey), read from the
     * document: the site, from the origin, challenge and binding alone, rebuilds the document's M
     * and accepts its signature with its public key. So the agent (whose test checks the same
     * table) and the site agree on every byte.
     */
    @Test
    void whenTheProtocolDocumentsWorkedExampleIsRebuilt_thenTheSiteGetsItsMessageAndAcceptsItsSignature() throws Exception {
        Map<String, byte[]> example = workedExample();
        SiteOrigin origin = SiteOrigin.parse(new String(example.get("origin (UTF-8)"), StandardCharsets.UTF_8));
        byte[] challenge = example.get("challenge");
        byte[] binding = example.get("binding");
        PublicKey q = p256(example.get("public key Q (uncompressed)"));

        assertThat(ProofOfPossession.message(origin, challenge, binding)).isEqualTo(example.get("M"));
        assertThat(TestKeys.sha256(ProofOfPossession.message(origin, challenge, binding))).isEqualTo(example.get("SHA-256(M)"));
        byte[] signature = example.get("signature (SHA256withECDSA, DER)");
        assertThatCode(() -> ProofOfPossession.verify(q, List.of(origin), challenge, binding, signature)).doesNotThrowAnyException();
        // The same signature at a site of another origin, or for another new key, proves nothing.
        assertThatThrownBy(() -> ProofOfPossession.verify(q, List.of(SiteOrigin.parse("https://update.example.gov.cn:8443")), challenge,
                binding, signature)).isInstanceOf(ProofInvalidException.class);
        assertThatThrownBy(() -> ProofOfPossession.verify(q, List.of(origin), challenge, BINDING, signature))
                .isInstanceOf(ProofInvalidException.class);
    }

    private static Map<String, byte[]> workedExample() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "protocol.md"));
        int start = doc.indexOf("#### Worked example");
        assertThat(start).as("docs/protocol.md has a worked example").isPositive();
        int end = doc.indexOf("\n#", start + 1);
        Matcher row = Pattern.compile("^\\| ([^|]+?) \\| `([0-9a-f]+)` \\|$", Pattern.MULTILINE)
                .matcher(doc.substring(start, end < 0 ? doc.length() : end));
        Map<String, byte[]> values = new LinkedHashMap<>();
        while (row.find()) {
            values.put(row.group(1), HEX.parseHex(row.group(2)));
        }
        assertThat(values).containsKeys("origin (UTF-8)", "challenge", "binding", "M", "SHA-256(M)",
                "public key Q (uncompressed)", "signature (SHA256withECDSA, DER)");
        return values;
    }

    /** An uncompressed P-256 point (04 ‖ x ‖ y) as a public key. */
    private static PublicKey p256(byte[] point) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)), new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, parameters.getParameterSpec(ECParameterSpec.class)));
    }

    private static void assertInvalid(KeyPair old, List<SiteOrigin> origins, byte[] challenge, byte[] binding, byte[] proof) {
        assertThatThrownBy(() -> ProofOfPossession.verify(old.getPublic(), origins, challenge, binding, proof))
                .isInstanceOf(ProofInvalidException.class);
    }

    private static byte[] bytes(IntStream values) {
        int[] ints = values.toArray();
        byte[] out = new byte[ints.length];
        for (int i = 0; i < ints.length; i++) {
            out[i] = (byte) ints[i];
        }
        return out;
    }
}
