package com.ukeybridge.token;

import com.ukeybridge.token.testing.ChaosToken;
import com.ukeybridge.token.testing.ChaosToken.Command;
import com.ukeybridge.token.testing.ChaosToken.Moment;
import com.ukeybridge.token.testing.ChaosToken.PinState;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chaos token (our PKCS#11 module in C in front of SoftHSM2) seen through the token layer
 * and through OpenSC's pkcs11-tool: each fault it injects reaches the caller as a real key's
 * would, and the token comes back healthy when the fault ends.
 */
@Tag("softhsm")
class ChaosTokenTest {
    private static final String LABEL = "Chaos";
    private static final byte[] DATA = {1, 2, 3, 4};

    private TokenFixture fixture;
    private ChaosToken chaos;
    private TestCertificates.Provisioned provisioned;

    @BeforeEach
    void open() {
        fixture = TokenFixture.openChaos(LABEL);
        chaos = fixture.chaos();
        provisioned = TestCertificates.provision(fixture.token(), TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256,
                "CN=Chaos", Duration.ofDays(30));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void whenTheTokenIsPulledOutAndPutBack_thenTheRegistryDropsItAndFindsItAgainLoggedOut() {
        Token before = fixture.token();
        assertThat(before.isLoggedIn()).isTrue();

        chaos.remove();
        fixture.registry().refresh();

        assertThat(fixture.registry().tokens()).isEmpty();
        assertThat(before.isRemoved()).isTrue();
        assertThatThrownBy(() -> before.sign(provisioned.id(), SignatureAlgorithm.SHA256_WITH_ECDSA, DATA))
                .isInstanceOf(TokenRemovedException.class);

        chaos.insert();
        fixture.registry().refresh();

        Token after = fixture.token();
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.isLoggedIn()).as("pulling a key out ends its login").isFalse();
        after.login(TokenFixture.PIN.toCharArray());
        assertThat(after.sign(provisioned.id(), SignatureAlgorithm.SHA256_WITH_ECDSA, DATA)).isNotEmpty();
    }

    @Test
    void whenPulledOutDuringASignature_thenTheSignatureFailsAsRemovedAndTheReinsertedTokenSigns() {
        Command pull = Command.removeAt(Moment.DURING, "C_Sign", 1);
        chaos.set(pull);

        assertThatThrownBy(() -> fixture.token().sign(provisioned.id(), SignatureAlgorithm.SHA256_WITH_ECDSA, DATA))
                .isInstanceOf(TokenRemovedException.class);
        assertThat(chaos.fired(pull)).isTrue();
        fixture.registry().refresh();
        assertThat(fixture.registry().tokens()).isEmpty();

        chaos.insert();
        fixture.registry().refresh();
        Token back = fixture.loggedIn();
        assertThat(back.sign(provisioned.id(), SignatureAlgorithm.SHA256_WITH_ECDSA, DATA)).isNotEmpty();
    }

    @Test
    void whenTheNthCallMeetsADriverError_thenOnlyThatCallFailsWithItsCode() {
        chaos.set(Command.fail("C_Sign", 2, "CKR_GENERAL_ERROR"));
        Token token = fixture.token();

        assertThat(token.sign(provisioned.id(), SignatureAlgorithm.SHA256_WITH_ECDSA, DATA)).isNotEmpty();
        assertThatThrownBy(() -> token.sign(provisioned.id(), SignatureAlgorithm.SHA256_WITH_ECDSA, DATA))
                .isInstanceOfSatisfying(TokenFailureException.class, e -> assertThat(e.ckr()).isEqualTo("CKR_GENERAL_ERROR"));
        assertThat(token.sign(provisioned.id(), SignatureAlgorithm.SHA256_WITH_ECDSA, DATA)).isNotEmpty();
    }

    @Test
    void whenTheTokenIsFull_thenGeneratingAKeyFailsAsFullAndNothingIsAdded() {
        chaos.set(Command.full());
        Token token = fixture.token();

        assertThatThrownBy(() -> token.generateKeyPair(KeyAlgorithm.EC_P256, "more")).isInstanceOf(TokenFullException.class);
        assertThat(token.privateKeyIds()).containsExactly(provisioned.id());
    }

    @Test
    void whenThePinCounterRunsDown_thenTheTokenReportsCountLowFinalTryAndLocked() {
        Token token = fixture.token();
        token.logout();

        chaos.set(Command.pin(PinState.COUNT_LOW));
        fixture.registry().refresh();
        assertThat(pinFlags(token)).containsExactly(true, false, false);

        assertThatThrownBy(() -> token.login("000000".toCharArray())).isInstanceOf(PinIncorrectException.class);
        assertThat(pinFlags(token)).as("one wrong PIN later: the final try").containsExactly(true, true, false);

        assertThatThrownBy(() -> token.login("000000".toCharArray())).isInstanceOf(PinIncorrectException.class);
        assertThat(pinFlags(token)).as("the final try was wrong").containsExactly(false, false, true);
        assertThatThrownBy(() -> token.login(TokenFixture.PIN.toCharArray())).isInstanceOf(PinLockedException.class);

        chaos.set(Command.pin(PinState.FINAL_TRY));
        token.login(TokenFixture.PIN.toCharArray());
        assertThat(pinFlags(token)).as("a right PIN resets the counter").containsExactly(false, false, false);
    }

    @Test
    void whenTheTokenIsSlow_thenEachCallWaitsFirst() {
        Duration perCall = Duration.ofMillis(300);
        chaos.set(Command.slow(perCall));

        long started = System.nanoTime();
        fixture.token().certificates();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(perCall);
    }

    @Test
    void whenPkcs11ToolListsThePulledOutToken_thenItSeesAnEmptySlot() {
        assertThat(listSlots()).contains("token label        : " + LABEL);

        chaos.remove();

        assertThat(listSlots()).doesNotContain(LABEL).contains("(empty)");
    }

    @Test
    void whenAControlLineCannotBeRead_thenTheModuleSaysSoAndForwardsAsBefore() {
        chaos.set(new Command("fail C_Sign twice CKR_DEVICE_ERROR"));

        assertThat(fixture.token().sign(provisioned.id(), SignatureAlgorithm.SHA256_WITH_ECDSA, DATA)).isNotEmpty();
        assertThat(chaos.events()).contains("unreadable fail C_Sign twice CKR_DEVICE_ERROR");
    }

    @Test
    void whenACommandIsMalformed_thenItIsRefusedBeforeTheModuleSeesIt() {
        assertThatThrownBy(() -> Command.fail("Sign", 1, "CKR_DEVICE_ERROR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.fail("C_Sign", 0, "CKR_DEVICE_ERROR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.fail("C_Sign", 1, "DEVICE_ERROR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.slow(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private String listSlots() {
        return fixture.hsm().pkcs11Tool(ChaosToken.module(), chaos.environment(), "--list-slots");
    }

    private static Boolean[] pinFlags(Token token) {
        TokenInfo info = token.info();
        return new Boolean[] {info.pinCountLow(), info.pinFinalTry(), info.pinLocked()};
    }
}
