package com.ukeybridge.agent.methods;

import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.token.CertificateKeyMismatchException;
import com.ukeybridge.token.InvalidEnvelopeException;
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

import java.util.HashMap;
import java.util.Map;

/** Turns the token layer's failures into the protocol's errors. */
final class TokenErrors {
    private TokenErrors() {
    }

    static RpcException toRpc(TokenException e) {
        if (e instanceof PinIncorrectException pin) {
            Map<String, Object> extra = new HashMap<>();
            extra.put("retriesLeft", pin.retriesLeft().isPresent() ? pin.retriesLeft().getAsInt() : null);
            extra.put("finalTry", pin.finalTry());
            return new RpcException(RpcError.PIN_INCORRECT, "incorrect PIN", extra);
        }
        if (e instanceof PinLengthException length) {
            return new RpcException(RpcError.PIN_INVALID, e.getMessage(),
                    Map.of("minLength", length.minLength(), "maxLength", length.maxLength()));
        }
        if (e instanceof UnsupportedKeyException unsupported) {
            return new RpcException(RpcError.UNSUPPORTED_ALGORITHM, e.getMessage(), Map.of("supported", unsupported.supported()));
        }
        if (e instanceof InvalidEnvelopeException) {
            return RpcException.invalidParams("envelopedKey", e.getMessage());
        }
        if (e instanceof TokenFailureException failure) {
            return new RpcException(RpcError.TOKEN_ERROR, e.getMessage(), Map.of("ckr", failure.ckr()));
        }
        return new RpcException(plainError(e), e.getMessage());
    }

    private static RpcError plainError(TokenException e) {
        if (e instanceof PinLockedException) {
            return RpcError.PIN_LOCKED;
        } else if (e instanceof NotLoggedInException) {
            return RpcError.LOGIN_REQUIRED;
        } else if (e instanceof ObjectNotFoundException) {
            return RpcError.OBJECT_NOT_FOUND;
        } else if (e instanceof CertificateKeyMismatchException) {
            return RpcError.CERT_KEY_MISMATCH;
        } else if (e instanceof KeyHasCertificateException) {
            return RpcError.KEY_HAS_CERTIFICATE;
        } else if (e instanceof TokenFullException) {
            return RpcError.TOKEN_FULL;
        } else if (e instanceof TokenBusyException) {
            return RpcError.TOKEN_BUSY;
        } else if (e instanceof TokenRemovedException) {
            return RpcError.TOKEN_NOT_FOUND;
        }
        return RpcError.TOKEN_ERROR;
    }
}
