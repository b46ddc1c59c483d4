package com.ukeybridge.skf;

import java.util.Optional;

/** An SKF function answered something other than {@code SAR_OK}. */
public class SkfException extends RuntimeException {
    private final String function;
    private final int code;

    public SkfException(String function, int code) {
        super(function + " failed: " + SarCode.nameOf(code) + String.format(" (0x%08X)", code));
        this.function = function;
        this.code = code;
    }

    /** The {@code SKF_*} function that failed. */
    public String function() {
        return function;
    }

    /** The {@code SAR_*} value as returned (a {@code ULONG}; print it unsigned). */
    public int code() {
        return code;
    }

    /** The {@code SAR_*} name, e.g. {@code SAR_PIN_INCORRECT}, or a hex name for a vendor's own code. */
    public String codeName() {
        return SarCode.nameOf(code);
    }

    /** The standard code, when it is one. */
    public Optional<SarCode> sarCode() {
        return SarCode.of(code);
    }

    public boolean is(SarCode expected) {
        return code == expected.code();
    }
}
