package com.ukeybridge.agent.prompt;

/**
 * What the consent dialog shows before a write to a token.
 *
 * @param subject the subject of the request or certificate, RFC 4514
 */
public record WriteRequest(String origin, String tokenLabel, Kind kind, String subject) {
    public enum Kind {
        /** {@code signCsr}: a new key pair and a certificate request. */
        NEW_KEY_AND_REQUEST,
        /** {@code writeCert} without {@code replaces}. */
        STORE_CERTIFICATE,
        /** {@code writeCert} with {@code replaces}: the old certificate and key go. */
        REPLACE_CERTIFICATE
    }
}
