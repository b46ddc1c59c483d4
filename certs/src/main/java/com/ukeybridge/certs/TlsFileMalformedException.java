package com.ukeybridge.certs;

import java.nio.file.Path;

/** A TLS file exists but cannot be used: unreadable, not the expected PEM, or not matching its partner. */
public final class TlsFileMalformedException extends TlsFilesException {
    private static final long serialVersionUID = 1L;

    TlsFileMalformedException(Path file, String problem) {
        this(file, problem, null);
    }

    TlsFileMalformedException(Path file, String problem, Throwable cause) {
        super("TLS file unusable: " + file + ": " + problem, cause);
    }
}
