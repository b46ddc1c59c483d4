package com.ukeybridge.certs;

/**
 * Something is wrong with the agent's local TLS files. Catch this to handle every such
 * failure at once, or one of its subclasses for a specific one; the message always names
 * the file or directory concerned.
 */
public class TlsFilesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected TlsFilesException(String message, Throwable cause) {
        super(message, cause);
    }
}
