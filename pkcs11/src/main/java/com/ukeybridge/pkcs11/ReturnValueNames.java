package com.ukeybridge.pkcs11;

import com.ukeybridge.pkcs11.jna.Pkcs11Constants;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * Names of {@code CK_RV} values ({@code CKR_PIN_INCORRECT}), made from the constants themselves
 * so the table cannot drift from them. Unknown codes get a hex name that still says what they are.
 */
public final class ReturnValueNames {
    private static final Map<Long, String> NAMES = load();

    private ReturnValueNames() {
    }

    public static String nameOf(long code) {
        String name = NAMES.get(code);
        if (name != null) {
            return name;
        }
        if (code >= Pkcs11Constants.CKR_VENDOR_DEFINED) {
            return String.format("CKR_VENDOR_DEFINED+0x%X", code - Pkcs11Constants.CKR_VENDOR_DEFINED);
        }
        return String.format("CKR_0x%08X", code);
    }

    private static Map<Long, String> load() {
        Map<Long, String> names = new HashMap<>();
        for (Field field : Pkcs11Constants.class.getFields()) {
            if (field.getName().startsWith("CKR_") && Modifier.isStatic(field.getModifiers()) && field.getType() == long.class) {
                try {
                    names.putIfAbsent(field.getLong(null), field.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Map.copyOf(names);
    }
}
