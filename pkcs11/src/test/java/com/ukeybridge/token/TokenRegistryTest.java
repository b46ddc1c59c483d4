package com.ukeybridge.token;

import com.ukeybridge.token.testing.SoftHsm;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("softhsm")
class TokenRegistryTest {

    @Test
    void whenTwoTokensInitialised_thenBothListedWithTheirInfoAndNoCertificates() {
        try (TokenFixture fixture = TokenFixture.open("Alice", "Bob")) {
            List<Token> tokens = fixture.registry().tokens();

            assertThat(tokens).extracting(t -> t.info().label()).containsExactlyInAnyOrder("Alice", "Bob");
            TokenInfo info = fixture.token("Alice").info();
            assertThat(info.manufacturer()).isEqualTo("SoftHSM project");
            assertThat(info.model()).isEqualTo("SoftHSM v2");
            assertThat(info.serialNumber()).isNotBlank();
            assertThat(info.minPinLength()).isEqualTo(4);
            assertThat(info.maxPinLength()).isEqualTo(255);
            assertThat(info.pinLocked()).isFalse();
            assertThat(fixture.token("Alice").certificates()).isEmpty();
            assertThat(fixture.token("Alice").id().value()).matches("[0-9a-f]{24}");
            assertThat(fixture.registry().find(fixture.token("Bob").id())).containsSame(fixture.token("Bob"));
        }
    }

    @Test
    void whenListedTwice_thenSameOrderAndSameInstances() {
        try (TokenFixture fixture = TokenFixture.open("A", "B", "C")) {
            List<Token> first = fixture.registry().tokens();
            fixture.registry().refresh();
            assertThat(fixture.registry().tokens()).containsExactlyElementsOf(first);
        }
    }

    @Test
    void whenRegistryClosedAndReopened_thenTokenIdsAreTheSame() {
        try (TokenFixture fixture = TokenFixture.open("Alice", "Bob")) {
            TokenId alice = fixture.token("Alice").id();
            TokenId bob = fixture.token("Bob").id();
            Token before = fixture.token("Alice");

            fixture.reopen();

            assertThat(fixture.token("Alice").id()).isEqualTo(alice);
            assertThat(fixture.token("Bob").id()).isEqualTo(bob);
            assertThat(alice).isNotEqualTo(bob);
            assertThatThrownBy(before::certificates).isInstanceOf(TokenRemovedException.class);
        }
    }

    @Test
    void whenOneModuleCannotLoad_thenItIsReportedAndTheOthersWork() {
        try (SoftHsm hsm = SoftHsm.create()) {
            hsm.initToken("A", TokenFixture.PIN);
            Path missing = Path.of("/nonexistent/libpkcs11.so");
            try (TokenRegistry registry = TokenRegistry.open(List.of(missing, SoftHsm.MODULE), Duration.ofHours(1), Duration.ofSeconds(5))) {
                assertThat(registry.modules()).hasSize(2);
                assertThat(registry.modules().get(0).loaded()).isFalse();
                assertThat(registry.modules().get(0).library()).isEqualTo(missing);
                assertThat(registry.modules().get(0).error()).isPresent();
                assertThat(registry.modules().get(1).loaded()).isTrue();
                assertThat(registry.modules().get(1).description()).contains("SoftHSM");
                assertThat(registry.tokens()).hasSize(1);
            }
        }
    }

    @Test
    void whenTokenPulledOutAndPluggedBackIn_thenListenersToldAndANewInstanceListed() {
        try (TokenFixture fixture = TokenFixture.open("A", "B")) {
            AtomicInteger changes = new AtomicInteger();
            fixture.registry().addListener(changes::incrementAndGet);
            Token b = fixture.token("B");

            fixture.faults().hideToken("B");
            fixture.registry().refresh();

            assertThat(changes).hasValue(1);
            assertThat(fixture.registry().tokens()).extracting(t -> t.info().label()).containsExactly("A");
            assertThat(fixture.registry().find(b.id())).isEmpty();
            assertThatThrownBy(b::certificates).isInstanceOf(TokenRemovedException.class);

            fixture.faults().showToken("B");
            fixture.registry().refresh();

            assertThat(changes).hasValue(2);
            Token again = fixture.token("B");
            assertThat(again).isNotSameAs(b);
            assertThat(again.id()).isEqualTo(b.id());
            assertThat(again.certificates()).isEmpty();
        }
    }

    @Test
    void whenNothingChanges_thenListenersNotTold() {
        try (TokenFixture fixture = TokenFixture.open("A")) {
            AtomicInteger changes = new AtomicInteger();
            fixture.registry().addListener(changes::incrementAndGet);
            fixture.registry().refresh();
            fixture.registry().refresh();
            assertThat(changes).hasValue(0);
        }
    }

    @Test
    void whenCertificatesOnATokenChange_thenListenersToldAtTheNextPoll() {
        try (TokenFixture fixture = TokenFixture.open("A")) {
            AtomicInteger changes = new AtomicInteger();
            fixture.registry().addListener(changes::incrementAndGet);

            TestCertificates.provision(fixture.token(), TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256, "CN=A", Duration.ofDays(30));
            fixture.registry().refresh();
            assertThat(changes).hasValue(1);

            fixture.registry().refresh();
            assertThat(changes).hasValue(1);
        }
    }

    @Test
    void whenTokenBusy_thenPollSkipsItWithoutWaiting() throws Exception {
        try (TokenFixture fixture = TokenFixture.open(Duration.ofSeconds(30), "A")) {
            Token token = fixture.loggedIn();
            var gate = fixture.faults().hold("C_Sign");
            ObjectId key = token.generateKeyPair(KeyAlgorithm.EC_P256, "k").id();
            Thread signer = new Thread(() -> token.sign(key, SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[] {1}));
            signer.start();
            gate.awaitEntered();
            try {
                long started = System.nanoTime();
                fixture.registry().refresh();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                assertThat(fixture.registry().tokens()).containsExactly(token);
            } finally {
                gate.release();
                signer.join();
            }
        }
    }

    @Test
    void whenStarted_thenBackgroundPollingNoticesRemoval() throws Exception {
        try (SoftHsm hsm = SoftHsm.create()) {
            hsm.initToken("A", TokenFixture.PIN).initToken("B", TokenFixture.PIN);
            var faults = new com.ukeybridge.token.testing.FaultInjectingCryptoki();
            try (TokenRegistry registry = TokenRegistry.open(List.of(SoftHsm.MODULE), Duration.ofMillis(50), Duration.ofSeconds(5), faults.loader())) {
                CountDownLatch changed = new CountDownLatch(1);
                registry.addListener(changed::countDown);
                registry.start();
                faults.hideToken("B");
                assertThat(changed.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(registry.tokens()).extracting(t -> t.info().label()).containsExactly("A");
            }
        }
    }
}
