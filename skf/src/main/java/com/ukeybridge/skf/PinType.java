package com.ukeybridge.skf;

import com.ukeybridge.skf.jna.SkfConstants;

/** Which of an application's two PINs. */
public enum PinType {
    ADMIN(SkfConstants.ADMIN_TYPE),
    USER(SkfConstants.USER_TYPE);

    private final int value;

    PinType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
