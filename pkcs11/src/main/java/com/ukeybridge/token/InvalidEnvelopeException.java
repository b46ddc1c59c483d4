package com.ukeybridge.token;

/** The token would not open an enveloped key pair: not made for this signing key, or malformed. */
public final class InvalidEnvelopeException extends TokenException {
    public InvalidEnvelopeException(String message) {
        super(message);
    }
}
