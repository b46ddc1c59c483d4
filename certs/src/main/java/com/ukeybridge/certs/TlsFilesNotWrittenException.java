package com.ukeybridge.certs;

import java.nio.file.Path;

/** Writing the TLS files failed (directory not creatable, disk full, no permission). */
public final class TlsFilesNotWrittenException extends TlsFilesException {
    private static final long serialVersionUID = 1L;

    TlsFilesNotWrittenException(Path path, Throwable cause) {
        super("Could not write TLS files at " + path + ": " + cause.getMessage(), cause);
    }
}
