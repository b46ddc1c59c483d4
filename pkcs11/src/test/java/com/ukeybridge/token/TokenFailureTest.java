package com.ukeybridge.token;

import com.ukeybridge.token.testing.FaultInjectingCryptoki;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_DEVICE_ERROR;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_DEVICE_REMOVED;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_SESSION_HANDLE_INVALID;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_USER_NOT_LOGGED_IN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("softhsm")
class TokenFailureTest {
    private static final byte[] DATA = {42};

    private TokenFixture fixture;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void whenAnotherOperationHoldsTheTokenPastTheBusyTimeout_thenTokenBusy() throws Exception {
        fixture = TokenFixture.open(Duration.ofMillis(200), "Busy");
        Token token = fixture.loggedIn();
        ObjectId key = token.generateKeyPair(KeyAlgorithm.EC_P256, "k").id();
        FaultInjectingCryptoki.Gate gate = fixture.faults().hold("C_Sign");
        CompletableFuture<byte[]> holder = CompletableFuture.supplyAsync(() -> token.sign(key, SignatureAlgorithm.SHA256_WITH_ECDSA, DATA));
        gate.awaitEntered();
        try {
            assertThatThrownBy(token::certificates).isInstanceOf(TokenBusyException.class);
        } finally {
            gate.release();
        }
        assertThat(holder.get(10, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(token.certificates()).isEmpty();
    }

    @Test
    void whenDeviceRemovedReportedButTokenStillThere_thenModuleReinitialisedLoginDroppedAndTokenUsableAgain() {
        fixture = TokenFixture.open("Flaky");
        Token token = fixture.loggedIn();
        ObjectId key = token.generateKeyPair(KeyAlgorithm.RSA_2048, "k").id();
        long generation = token.loginGeneration();
        long initialises = fixture.faults().count("C_Initialize");
        fixture.faults().failNext("C_Sign", CKR_DEVICE_REMOVED);

        assertThatThrownBy(() -> token.sign(key, SignatureAlgorithm.SHA256_WITH_RSA, DATA))
                .isInstanceOfSatisfying(TokenFailureException.class, e -> assertThat(e.ckr()).isEqualTo("CKR_DEVICE_REMOVED"));

        assertThat(fixture.faults().count("C_Finalize")).isEqualTo(1);
        assertThat(fixture.faults().count("C_Initialize")).isEqualTo(initialises + 1);
        assertThat(token.isLoggedIn()).isFalse();
        assertThat(token.loginGeneration()).isGreaterThan(generation);
        assertThatThrownBy(() -> token.sign(key, SignatureAlgorithm.SHA256_WITH_RSA, DATA)).isInstanceOf(NotLoggedInException.class);

        token.login(TokenFixture.PIN.toCharArray());
        assertThat(token.sign(key, SignatureAlgorithm.SHA256_WITH_RSA, DATA)).hasSize(256);
        fixture.registry().refresh();
        assertThat(fixture.registry().tokens()).containsExactly(token);
    }

    @Test
    void whenSessionHandleInvalid_thenModuleReinitialisedAndNextCallOpensANewSession() {
        fixture = TokenFixture.open("Stale");
        Token token = fixture.token();
        fixture.faults().failNext("C_FindObjectsInit", CKR_SESSION_HANDLE_INVALID);

        assertThatThrownBy(token::certificates)
                .isInstanceOfSatisfying(TokenFailureException.class, e -> assertThat(e.ckr()).isEqualTo("CKR_SESSION_HANDLE_INVALID"));

        long sessions = fixture.faults().count("C_OpenSession");
        assertThat(token.certificates()).isEmpty();
        assertThat(fixture.faults().count("C_OpenSession")).isEqualTo(sessions + 1);
    }

    @Test
    void whenTokenPulledOutDuringAnOperation_thenTokenRemovedAndRegistryDropsIt() {
        fixture = TokenFixture.open("A", "Gone");
        Token gone = fixture.token("Gone");
        Token other = fixture.token("A");
        other.login(TokenFixture.PIN.toCharArray());
        gone.login(TokenFixture.PIN.toCharArray());
        ObjectId key = gone.generateKeyPair(KeyAlgorithm.EC_P256, "k").id();

        fixture.faults().hideToken("Gone");

        assertThatThrownBy(() -> gone.sign(key, SignatureAlgorithm.SHA256_WITH_ECDSA, DATA)).isInstanceOf(TokenRemovedException.class);
        assertThatThrownBy(gone::certificates).isInstanceOf(TokenRemovedException.class);
        // The re-initialisation ended every login on the library, the other token's too.
        assertThat(other.isLoggedIn()).isFalse();
        fixture.registry().refresh();
        assertThat(fixture.registry().tokens()).containsExactly(other);
    }

    @Test
    void whenTokenSaysUserNotLoggedIn_thenNotLoggedInAndLoginForgotten() {
        fixture = TokenFixture.open("Forgetful");
        Token token = fixture.loggedIn();
        fixture.faults().failNext("C_GenerateKeyPair", CKR_USER_NOT_LOGGED_IN);

        assertThatThrownBy(() -> token.generateKeyPair(KeyAlgorithm.EC_P256, "k")).isInstanceOf(NotLoggedInException.class);
        assertThat(token.isLoggedIn()).isFalse();
    }

    @Test
    void whenOtherFailure_thenTokenFailureNamingTheCkrAndNoReinitialisation() {
        fixture = TokenFixture.open("Broken");
        Token token = fixture.token();
        fixture.faults().failNext("C_FindObjects", CKR_DEVICE_ERROR);

        assertThatThrownBy(token::certificates)
                .isInstanceOfSatisfying(TokenFailureException.class, e -> {
                    assertThat(e.ckr()).isEqualTo("CKR_DEVICE_ERROR");
                    assertThat(e.getMessage()).contains("CKR_DEVICE_ERROR");
                });
        assertThat(fixture.faults().count("C_Finalize")).isZero();
        assertThat(token.certificates()).isEmpty();
    }
}
