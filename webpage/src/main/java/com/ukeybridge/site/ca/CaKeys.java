package com.ukeybridge.site.ca;

import com.ukeybridge.site.config.CaKeySource;

import java.time.Clock;

/** Opens the CA key the configuration names. */
public final class CaKeys {
    private CaKeys() {
    }

    public static CaKey open(CaKeySource source, String caSubject, Clock clock) {
        if (source instanceof CaKeySource.Pkcs12 p12) {
            return Pkcs12CaKey.openOrCreate(p12.file(), p12.password(), caSubject, clock);
        }
        return Pkcs11CaKey.openOrCreate((CaKeySource.Pkcs11) source, caSubject, clock);
    }
}
