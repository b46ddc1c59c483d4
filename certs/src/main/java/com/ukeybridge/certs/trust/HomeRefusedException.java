package com.ukeybridge.certs.trust;

import java.nio.file.Path;

/** A per-home step would act on something outside the home, or, as root, on another user's files. */
public final class HomeRefusedException extends TrustStoreException {
    private static final long serialVersionUID = 1L;

    HomeRefusedException(Path path, String why) {
        super("Refused " + path + ": " + why, null);
    }
}
