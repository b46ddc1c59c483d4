package com.ukeybridge.skf;

/** The device refused a PIN ({@code SAR_PIN_INCORRECT} or {@code SAR_PIN_LOCKED}); says how many tries are left. */
public final class PinRejectedException extends SkfException {
    private final int retriesLeft;

    public PinRejectedException(String function, int code, int retriesLeft) {
        super(function, code);
        this.retriesLeft = retriesLeft;
    }

    /** Tries left for the PIN that was checked (for {@code SKF_UnblockPIN}: the admin PIN's); 0 = locked. */
    public int retriesLeft() {
        return retriesLeft;
    }

    public boolean locked() {
        return is(SarCode.SAR_PIN_LOCKED) || retriesLeft == 0;
    }
}
