package com.ukeybridge.installer.policy;

/** A policy file or folder could not be read or written; the message names it. */
public final class PolicyException extends RuntimeException {
    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
