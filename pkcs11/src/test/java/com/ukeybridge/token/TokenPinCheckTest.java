package com.ukeybridge.token;

import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_FUNCTION_NOT_SUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Token#verifyPin}: a second PIN checked while the token is logged in leaves the login
 * alone, right or wrong; a wrong one is judged by the token ({@code C_SetPIN(pin, pin)}), and a
 * right one is not sent to the token at all. Pins down SoftHSM 2.6's {@code C_SetPIN} behaviour.
 */
@Tag("softhsm")
class TokenPinCheckTest {
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
    void whenTheTokenIsLoggedOut_thenVerifyPinLogsItIn() {
        token.verifyPin(TokenFixture.PIN.toCharArray());

        assertThat(token.isLoggedIn()).isTrue();
        assertThat(fixture.faults().count("C_Login")).isEqualTo(1);
    }

    @Test
    void whenTheSamePinIsVerifiedDuringALogin_thenTheTokenIsNotAskedAndTheLoginStays() {
        token.verifyPin(TokenFixture.PIN.toCharArray());
        long generation = token.loginGeneration();
        long calls = fixture.faults().calls().size();

        token.verifyPin(TokenFixture.PIN.toCharArray());

        assertThat(token.isLoggedIn()).isTrue();
        assertThat(token.loginGeneration()).isEqualTo(generation);
        assertThat(fixture.faults().calls().subList((int) calls, fixture.faults().calls().size()))
                .doesNotContain("C_Login", "C_Logout", "C_SetPIN");
    }

    @Test
    void whenAWrongPinIsVerifiedDuringALogin_thenTheTokenJudgesItAndTheLoginStays() {
        token.verifyPin(TokenFixture.PIN.toCharArray());
        long generation = token.loginGeneration();

        assertThatThrownBy(() -> token.verifyPin("000000".toCharArray())).isInstanceOf(PinIncorrectException.class);

        assertThat(fixture.faults().count("C_SetPIN")).isEqualTo(1);
        assertThat(fixture.faults().count("C_Logout")).isZero();
        assertThat(token.isLoggedIn()).isTrue();
        assertThat(token.loginGeneration()).isEqualTo(generation);
        assertThat(token.privateKeyIds()).isNotNull(); // the session still works as the user's
    }

    @Test
    void whenAWrongPinWasJudgedByTheToken_thenTheRightPinStillLogsIn() {
        token.verifyPin(TokenFixture.PIN.toCharArray());
        assertThatThrownBy(() -> token.verifyPin("000000".toCharArray())).isInstanceOf(PinIncorrectException.class);
        token.logout();

        token.login(TokenFixture.PIN.toCharArray());

        assertThat(token.isLoggedIn()).isTrue();
    }

    @Test
    void whenTheTokenCannotSetThePin_thenItIsLoggedOutAndInAgainToJudgeIt() {
        token.verifyPin(TokenFixture.PIN.toCharArray());
        fixture.faults().failNext("C_SetPIN", CKR_FUNCTION_NOT_SUPPORTED);

        assertThatThrownBy(() -> token.verifyPin("000000".toCharArray())).isInstanceOf(PinIncorrectException.class);

        assertThat(token.isLoggedIn()).isFalse();
    }

    @Test
    void whenThePinIsTooShort_thenTheTokenIsNotAsked() {
        token.verifyPin(TokenFixture.PIN.toCharArray());
        long calls = fixture.faults().calls().size();

        assertThatThrownBy(() -> token.verifyPin("12".toCharArray())).isInstanceOf(PinLengthException.class);

        assertThat(fixture.faults().calls()).hasSize((int) calls);
        assertThat(token.isLoggedIn()).isTrue();
    }
}
