package com.ukeybridge.token;

/**
 * What {@code C_GetTokenInfo} tells of a token, trimmed of the blank padding PKCS#11 uses.
 * The PIN flags are the token's {@code CKF_USER_PIN_*} flags.
 */
public record TokenInfo(
        String label,
        String manufacturer,
        String model,
        String serialNumber,
        int minPinLength,
        int maxPinLength,
        boolean pinCountLow,
        boolean pinFinalTry,
        boolean pinLocked) {
}
