package com.ukeybridge.skf;

/** {@code SKF_GetPINInfo}: the retry limit, the tries left (0 = locked) and whether the PIN is still the issuer's default. */
public record PinInfo(int maxRetries, int retriesLeft, boolean isDefault) {
    public boolean locked() {
        return retriesLeft == 0;
    }
}
