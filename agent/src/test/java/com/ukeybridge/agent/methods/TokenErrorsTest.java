package com.ukeybridge.agent.methods;

import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.token.CertificateKeyMismatchException;
import com.ukeybridge.token.KeyHasCertificateException;
import com.ukeybridge.token.NotLoggedInException;
import com.ukeybridge.token.ObjectNotFoundException;
import com.ukeybridge.token.PinIncorrectException;
import com.ukeybridge.token.PinLengthException;
import com.ukeybridge.token.PinLockedException;
import com.ukeybridge.token.TokenBusyException;
import com.ukeybridge.token.TokenException;
import com.ukeybridge.token.TokenFailureException;
import com.ukeybridge.token.TokenFullException;
import com.ukeybridge.token.TokenRemovedException;
import com.ukeybridge.token.UnsupportedKeyException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TokenErrorsTest {
    @Test
    void whenPinIsIncorrectAndTheTokenDoesNotTellRetries_thenRetriesLeftIsNull() {
        RpcException error = TokenErrors.toRpc(new PinIncorrectException(OptionalInt.empty(), true));

        assertThat(error.error()).isEqualTo(RpcError.PIN_INCORRECT);
        assertThat(error.extra()).containsEntry("retriesLeft", null).containsEntry("finalTry", true);
    }

    @Test
    void whenPinIsIncorrectAndTheTokenTellsRetries_thenTheyArePassedOn() {
        RpcException error = TokenErrors.toRpc(new PinIncorrectException(OptionalInt.of(2), false));

        assertThat(error.extra()).containsEntry("retriesLeft", 2).containsEntry("finalTry", false);
    }

    @Test
    void whenPinLengthIsOutsideTheLimits_thenPinInvalidWithTheLimits() {
        RpcException error = TokenErrors.toRpc(new PinLengthException(4, 16));

        assertThat(error.error()).isEqualTo(RpcError.PIN_INVALID);
        assertThat(error.extra()).containsEntry("minLength", 4).containsEntry("maxLength", 16);
    }

    @Test
    void whenTheKeyDoesNotFitTheAlgorithm_thenUnsupportedWithWhatWouldFit() {
        RpcException error = TokenErrors.toRpc(new UnsupportedKeyException("EC key", List.of("SHA256withECDSA")));

        assertThat(error.error()).isEqualTo(RpcError.UNSUPPORTED_ALGORITHM);
        assertThat(error.extra()).containsEntry("supported", List.of("SHA256withECDSA"));
    }

    @Test
    void whenTheTokenFails_thenTokenErrorNamesTheCkr() {
        RpcException error = TokenErrors.toRpc(new TokenFailureException("device error", "CKR_DEVICE_ERROR"));

        assertThat(error.error()).isEqualTo(RpcError.TOKEN_ERROR);
        assertThat(error.extra()).containsEntry("ckr", "CKR_DEVICE_ERROR");
    }

    @Test
    void whenEachPlainFailureIsMapped_thenItGetsItsOwnReason() {
        Stream.of(
                new Object[]{new PinLockedException("locked"), RpcError.PIN_LOCKED},
                new Object[]{new NotLoggedInException("login"), RpcError.LOGIN_REQUIRED},
                new Object[]{new ObjectNotFoundException("none"), RpcError.OBJECT_NOT_FOUND},
                new Object[]{new CertificateKeyMismatchException("no key"), RpcError.CERT_KEY_MISMATCH},
                new Object[]{new KeyHasCertificateException("has cert"), RpcError.KEY_HAS_CERTIFICATE},
                new Object[]{new TokenFullException("full"), RpcError.TOKEN_FULL},
                new Object[]{new TokenBusyException("busy"), RpcError.TOKEN_BUSY},
                new Object[]{new TokenRemovedException("gone"), RpcError.TOKEN_NOT_FOUND}
        ).forEach(pair -> assertThat(TokenErrors.toRpc((TokenException) pair[0]).error()).isEqualTo(pair[1]));
    }
}
