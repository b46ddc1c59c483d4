package com.ukeybridge.token;

import com.ukeybridge.pkcs11.SlotTokenInfo;

import java.util.Optional;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKF_TOKEN_INITIALIZED;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKF_USER_PIN_COUNT_LOW;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKF_USER_PIN_FINAL_TRY;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKF_USER_PIN_LOCKED;

/** Turns {@code C_GetTokenInfo}'s answer into the domain's {@link TokenInfo}. */
final class TokenInfos {
    private TokenInfos() {
    }

    /** Empty for a token not yet initialised: it has no label, no objects, nothing to list. */
    static Optional<TokenInfo> of(SlotTokenInfo info) {
        if (!info.has(CKF_TOKEN_INITIALIZED)) {
            return Optional.empty();
        }
        return Optional.of(new TokenInfo(info.label(), info.manufacturer(), info.model(), info.serialNumber(),
                minLength(info.minPinLength()), maxLength(info.minPinLength(), info.maxPinLength()),
                info.has(CKF_USER_PIN_COUNT_LOW), info.has(CKF_USER_PIN_FINAL_TRY), info.has(CKF_USER_PIN_LOCKED)));
    }

    // Some tokens answer CK_UNAVAILABLE_INFORMATION or nonsense; then no limit is better than a wrong one.
    private static int minLength(long min) {
        return min < 0 || min > Integer.MAX_VALUE ? 0 : (int) min;
    }

    private static int maxLength(long min, long max) {
        return max <= 0 || max > Integer.MAX_VALUE || max < min ? Integer.MAX_VALUE : (int) max;
    }
}
