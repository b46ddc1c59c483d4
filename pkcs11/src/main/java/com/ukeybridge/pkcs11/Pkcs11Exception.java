package com.ukeybridge.pkcs11;

/** A PKCS#11 function answered something other than {@code CKR_OK}. */
public final class Pkcs11Exception extends RuntimeException {
    private final String function;
    private final long code;

    public Pkcs11Exception(String function, long code) {
        super(function + " failed: " + ReturnValueNames.nameOf(code) + String.format(" (0x%08X)", code));
        this.function = function;
        this.code = code;
    }

    /** The {@code C_*} function that failed. */
    public String function() {
        return function;
    }

    /** The {@code CKR_*} value, as an unsigned number. */
    public long code() {
        return code;
    }

    /** The {@code CKR_*} name, e.g. {@code CKR_PIN_INCORRECT}. */
    public String codeName() {
        return ReturnValueNames.nameOf(code);
    }
}
