package com.ukeybridge.certs;

import java.nio.file.Path;

/** A file the agent needs ({@code agent-cert.pem} or {@code agent-key.pem}) does not exist. */
public final class TlsFileMissingException extends TlsFilesException {
    private static final long serialVersionUID = 1L;

    TlsFileMissingException(Path file) {
        super("TLS file missing: " + file + " (run 'certs create --dir " + file.getParent() + "')", null);
    }
}
