package com.ukeybridge.skf;

import java.util.Arrays;

/** The SKF convention for 256-bit values: big-endian, right-aligned in a 64-byte field, the first 32 bytes zero. */
final class Fields {
    static final int VALUE_LENGTH = 32;
    static final int FIELD_LENGTH = 64;

    private Fields() {
    }

    static byte[] checkedValue(byte[] value, String what) {
        if (value == null || value.length != VALUE_LENGTH) {
            throw new IllegalArgumentException(what + " must be " + VALUE_LENGTH + " bytes");
        }
        return value.clone();
    }

    static byte[] toField(byte[] value) {
        byte[] field = new byte[FIELD_LENGTH];
        System.arraycopy(value, 0, field, FIELD_LENGTH - VALUE_LENGTH, VALUE_LENGTH);
        return field;
    }

    static byte[] fromField(byte[] field, String what) {
        for (int i = 0; i < FIELD_LENGTH - VALUE_LENGTH; i++) {
            if (field[i] != 0) {
                throw new IllegalStateException("the SKF library returned " + what + " longer than 256 bits");
            }
        }
        return Arrays.copyOfRange(field, FIELD_LENGTH - VALUE_LENGTH, FIELD_LENGTH);
    }
}
