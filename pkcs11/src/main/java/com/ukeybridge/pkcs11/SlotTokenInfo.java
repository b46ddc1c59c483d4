package com.ukeybridge.pkcs11;

/**
 * What {@code C_GetTokenInfo} tells of the token in a slot, strings trimmed of blank padding.
 * {@code flags} are the {@code CKF_*} token flags.
 */
public record SlotTokenInfo(
        String label,
        String manufacturer,
        String model,
        String serialNumber,
        long flags,
        long minPinLength,
        long maxPinLength) {

    public boolean has(long flag) {
        return (flags & flag) != 0;
    }
}
