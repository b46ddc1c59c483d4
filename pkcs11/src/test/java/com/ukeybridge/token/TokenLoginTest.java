package com.ukeybridge.token;

import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_PIN_LEN_RANGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("softhsm")
class TokenLoginTest {
    private TokenFixture fixture;
    private Token token;

    @BeforeEach
    void open() {
        fixture = TokenFixture.open("Alice");
        token = fixture.token();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void whenRightPin_thenLoggedInAndGenerationAdvances() {
        long before = token.loginGeneration();

        token.login(TokenFixture.PIN.toCharArray());

        assertThat(token.isLoggedIn()).isTrue();
        assertThat(token.loginGeneration()).isGreaterThan(before);
    }

    @Test
    void whenWrongPin_thenPinIncorrectWithoutKnownRetriesAndNotLoggedIn() {
        assertThatThrownBy(() -> token.login("000000".toCharArray()))
                .isInstanceOfSatisfying(PinIncorrectException.class, e -> {
                    assertThat(e.retriesLeft()).isEmpty();
                    assertThat(e.finalTry()).isFalse();
                });
        assertThat(token.isLoggedIn()).isFalse();
    }

    @Test
    void whenLoggedInAndWrongPinGiven_thenPinIsReallyCheckedAndLoginDropped() {
        token.login(TokenFixture.PIN.toCharArray());
        long generation = token.loginGeneration();

        assertThatThrownBy(() -> token.login("000000".toCharArray())).isInstanceOf(PinIncorrectException.class);

        assertThat(token.isLoggedIn()).isFalse();
        assertThat(token.loginGeneration()).isNotEqualTo(generation);
    }

    @Test
    void whenLoggedInAgainWithRightPin_thenStillLoggedInUnderANewGeneration() {
        token.login(TokenFixture.PIN.toCharArray());
        long generation = token.loginGeneration();

        token.login(TokenFixture.PIN.toCharArray());

        assertThat(token.isLoggedIn()).isTrue();
        assertThat(token.loginGeneration()).isGreaterThan(generation);
    }

    @Test
    void whenPinTooShort_thenPinLengthAndTokenNotAsked() {
        long logins = fixture.faults().count("C_Login");

        assertThatThrownBy(() -> token.login("123".toCharArray()))
                .isInstanceOfSatisfying(PinLengthException.class, e -> {
                    assertThat(e.minLength()).isEqualTo(4);
                    assertThat(e.maxLength()).isEqualTo(255);
                });
        assertThat(fixture.faults().count("C_Login")).isEqualTo(logins);
    }

    @Test
    void whenPinTooLong_thenPinLengthAndTokenNotAsked() {
        long logins = fixture.faults().count("C_Login");

        assertThatThrownBy(() -> token.login("1".repeat(256).toCharArray())).isInstanceOf(PinLengthException.class);
        assertThat(fixture.faults().count("C_Login")).isEqualTo(logins);
    }

    @Test
    void whenPinLengthCountedInUtf8Bytes_thenTwoChineseCharactersAreLongEnough() {
        // 2 characters, 6 UTF-8 bytes: passes the length check and reaches the token, which refuses it.
        assertThatThrownBy(() -> token.login("口令".toCharArray())).isInstanceOf(PinIncorrectException.class);
    }

    @Test
    void whenTokenSaysPinLenRange_thenPinLength() {
        fixture.faults().failNext("C_Login", CKR_PIN_LEN_RANGE);

        assertThatThrownBy(() -> token.login(TokenFixture.PIN.toCharArray())).isInstanceOf(PinLengthException.class);
    }

    @Test
    void whenPinLocked_thenPinLockedAndFlagShown() {
        fixture.faults().pinLocked(true);

        assertThatThrownBy(() -> token.login(TokenFixture.PIN.toCharArray())).isInstanceOf(PinLockedException.class);
        assertThat(token.info().pinLocked()).isTrue();
        assertThat(token.isLoggedIn()).isFalse();
    }

    @Test
    void whenLoggedOut_thenNotLoggedInAndOperationsNeedLogin() {
        token.login(TokenFixture.PIN.toCharArray());
        long generation = token.loginGeneration();

        token.logout();

        assertThat(token.isLoggedIn()).isFalse();
        assertThat(token.loginGeneration()).isGreaterThan(generation);
        assertThat(token.privateKeyIds()).isEmpty();
        assertThatThrownBy(() -> token.generateKeyPair(KeyAlgorithm.EC_P256, "k")).isInstanceOf(NotLoggedInException.class);
    }

    @Test
    void whenLoggedInOnlyPrivateKeysBecomeVisible() {
        token.login(TokenFixture.PIN.toCharArray());
        ObjectId id = token.generateKeyPair(KeyAlgorithm.EC_P256, "k").id();
        assertThat(token.privateKeyIds()).containsExactly(id);

        token.logout();

        assertThat(token.privateKeyIds()).isEmpty();
    }
}
