package com.ukeybridge.certs.trust;

import java.nio.file.Path;

/** installed-roots.json exists but cannot be read, parsed or written; without it we cannot tell our roots from others. */
public final class InstalledRootsFileException extends TrustStoreException {
    private static final long serialVersionUID = 1L;

    InstalledRootsFileException(Path file, Exception cause) {
        super("Cannot use " + file + ": " + cause.getMessage(), cause);
    }
}
