package com.ukeybridge.token;

import com.ukeybridge.token.testing.ChaosToken;
import com.ukeybridge.token.testing.ChaosToken.Command;
import com.ukeybridge.token.testing.ChaosToken.Moment;
import com.ukeybridge.token.testing.Pkcs11ToolObjects;
import com.ukeybridge.token.testing.TestCa;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKO_PUBLIC_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renewal's write (a certificate replacing another, {@link Token#storeCertificate}) on the
 * chaos token, failing for real at every PKCS#11 call it makes: a driver error before or during
 * the call, the key pulled out before, during or after it. Whatever happens, the token keeps a
 * certificate with its private key (the old or the new, never none, never a certificate without
 * its key: the token layer and pkcs11-tool agree), and once the key is back the same write,
 * run again, finishes the replacement.
 */
@Tag("softhsm")
class CertificateReplaceChaosTest {
    private static final String LABEL = "Renew";
    private static final String SUBJECT = "CN=Renewing";
    private static final byte[] CHALLENGE = {1, 2, 3, 4};

    /** One way of failing at a chosen call. */
    enum Fault {
        DEVICE_ERROR_BEFORE(call -> Command.fail(call.function(), call.nth(), "CKR_DEVICE_ERROR")),
        DEVICE_ERROR_DURING(call -> Command.failDuring(call.function(), call.nth(), "CKR_DEVICE_ERROR")),
        PULLED_OUT_BEFORE(call -> Command.removeAt(Moment.BEFORE, call.function(), call.nth())),
        PULLED_OUT_DURING(call -> Command.removeAt(Moment.DURING, call.function(), call.nth())),
        PULLED_OUT_AFTER(call -> Command.removeAt(Moment.AFTER, call.function(), call.nth()));

        final Function<Call, Command> command;

        Fault(Function<Call, Command> command) {
            this.command = command;
        }
    }

    /** The {@code nth} call of {@code function} within the write. */
    record Call(String function, int nth) {
    }

    /** The write, ready to run on a fresh token: the old certificate and key, the new key and its certificate. */
    private record Renewal(TokenFixture fixture, TestCertificates.Provisioned old, GeneratedKeyPair fresh, X509Certificate renewed) {
        static Renewal prepare() throws Exception {
            TokenFixture fixture = TokenFixture.openChaos(LABEL);
            Token token = fixture.loggedIn();
            TestCa ca = TestCa.create();
            TestCertificates.Provisioned old = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(),
                    KeyAlgorithm.EC_P256, SUBJECT, Instant.now().plus(Duration.ofDays(30)), ca);
            GeneratedKeyPair fresh = token.generateKeyPair(KeyAlgorithm.EC_P256, "renewed");
            X509Certificate renewed = ca.issue(fresh.publicKey(), SUBJECT, Instant.now().plus(Duration.ofDays(1820)));
            return new Renewal(fixture, old, fresh, renewed);
        }

        ObjectId write(Token token) {
            return token.storeCertificate(renewed, Optional.empty(), Optional.of(old.id()));
        }
    }

    @TestFactory
    Stream<DynamicTest> whenTheTokenFailsAtAnyCallOfTheWrite_thenACertificateWithItsKeyRemainsAndARetryFinishes() throws Exception {
        return calls().stream().flatMap(call -> Stream.of(Fault.values()).map(fault -> DynamicTest.dynamicTest(
                fault + " " + call.function() + " #" + call.nth(), () -> failAt(fault.command.apply(call)))));
    }

    /** Every call the write makes on a healthy token, numbered per function, as the chaos token counts them. */
    private static List<Call> calls() throws Exception {
        Renewal renewal = Renewal.prepare();
        try {
            int before = renewal.fixture().faults().calls().size();
            renewal.write(renewal.fixture().token());
            List<String> made = renewal.fixture().faults().calls();
            Map<String, Integer> seen = new HashMap<>();
            List<Call> calls = new ArrayList<>();
            for (String function : made.subList(before, made.size())) {
                calls.add(new Call(function, seen.merge(function, 1, Integer::sum)));
            }
            assertThat(calls).as("the write's calls").extracting(Call::function).contains("C_CreateObject", "C_DestroyObject");
            return calls;
        } finally {
            renewal.fixture().close();
        }
    }

    private static void failAt(Command fault) throws Exception {
        Renewal renewal = Renewal.prepare();
        try (TokenFixture fixture = renewal.fixture()) {
            ChaosToken chaos = fixture.chaos();
            chaos.set(fault);
            try {
                renewal.write(fixture.token());
            } catch (TokenException e) {
                // The fault reached the caller, as it should; what matters is what the token holds now.
            }
            assertThat(chaos.fired(fault)).as("the fault happened").isTrue();

            chaos.insert();
            fixture.registry().refresh();
            Token token = fixture.token();
            if (!token.isLoggedIn()) {
                token.login(TokenFixture.PIN.toCharArray());
            }
            assertEveryCertificateHasItsKeyAndOneSigns(fixture, token);

            assertThat(renewal.write(token)).isEqualTo(renewal.fresh().id());
            assertThat(token.certificates()).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo(renewal.fresh().id());
                assertThat(c.der()).isEqualTo(renewal.renewed().getEncoded());
            });
            assertThat(token.privateKeyIds()).containsExactly(renewal.fresh().id());
            assertThat(TokenObjectsProbe.count(token, CKO_PUBLIC_KEY, renewal.old().id())).isZero();
            assertSigns(token, renewal.renewed(), renewal.fresh().id());
        }
    }

    private static void assertEveryCertificateHasItsKeyAndOneSigns(TokenFixture fixture, Token token) throws Exception {
        List<StoredCertificate> certificates = token.certificates();
        Set<ObjectId> keys = token.privateKeyIds();
        assertThat(certificates).as("a certificate remains").isNotEmpty();
        assertThat(certificates).as("no certificate without its private key")
                .allSatisfy(c -> assertThat(keys).contains(c.id()));
        for (StoredCertificate stored : certificates) {
            assertSigns(token, parse(stored.der()), stored.id());
        }

        // Another application's view of the token, from SoftHSM itself, past the chaos token.
        List<Pkcs11ToolObjects.Listed> listed = Pkcs11ToolObjects.list(fixture.hsm(), LABEL, TokenFixture.PIN);
        Set<String> listedKeys = listed.stream().filter(Pkcs11ToolObjects.Listed::isPrivateKey).map(Pkcs11ToolObjects.Listed::id)
                .collect(Collectors.toSet());
        assertThat(listed).filteredOn(Pkcs11ToolObjects.Listed::isCertificate).isNotEmpty()
                .allSatisfy(c -> assertThat(listedKeys).contains(c.id()));
        assertThat(listed).filteredOn(Pkcs11ToolObjects.Listed::isCertificate).extracting(Pkcs11ToolObjects.Listed::id)
                .containsExactlyInAnyOrderElementsOf(certificates.stream().map(c -> HexFormat.of().formatHex(c.id().bytes())).toList());
    }

    private static void assertSigns(Token token, X509Certificate certificate, ObjectId keyId) throws Exception {
        byte[] signature = token.sign(keyId, SignatureAlgorithm.SHA256_WITH_ECDSA, CHALLENGE);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(CHALLENGE);
        assertThat(verifier.verify(signature)).as("the key signs for its certificate").isTrue();
    }

    private static X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
