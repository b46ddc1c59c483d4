package com.ukeybridge.pkcs11.jna;

import com.sun.jna.Native;

import java.nio.file.Path;

/** Loads a PKCS#11 library; the seam where tests put a fault-injecting wrapper around the real one. */
@FunctionalInterface
public interface CryptokiLoader {

    /** @throws UnsatisfiedLinkError (or another {@link RuntimeException}) when the library cannot be loaded */
    Cryptoki load(Path library);

    /** The real thing: {@code dlopen}/{@code LoadLibrary} through JNA. */
    static CryptokiLoader jna() {
        return library -> Native.load(library.toAbsolutePath().toString(), Cryptoki.class);
    }
}
