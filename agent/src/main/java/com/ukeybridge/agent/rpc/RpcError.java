package com.ukeybridge.agent.rpc;

/**
 * The error codes and stable reasons of docs/protocol.md, section "Errors" (1014 and up: protocol
 * v2 only). docs/protocol.md and this list are kept in step by a test.
 */
public enum RpcError {
    PARSE_ERROR(-32700),
    INVALID_REQUEST(-32600),
    METHOD_NOT_FOUND(-32601),
    INVALID_PARAMS(-32602),
    INTERNAL_ERROR(-32603),
    TOKEN_NOT_FOUND(1001),
    PIN_INCORRECT(1002),
    PIN_LOCKED(1003),
    LOGIN_REQUIRED(1004),
    CANCELLED_BY_USER(1005),
    OBJECT_NOT_FOUND(1006),
    CERT_KEY_MISMATCH(1007),
    TOKEN_ERROR(1008),
    TOKEN_BUSY(1009),
    UNSUPPORTED_ALGORITHM(1010),
    TOKEN_FULL(1011),
    KEY_HAS_CERTIFICATE(1012),
    PIN_INVALID(1013),
    PIN_ENTRY_IN_AGENT(1014),
    PIN_TRIES_LOW(1015),
    ISSUER_MISMATCH(1016),
    KEY_NOT_CREATED_HERE(1017),
    TOO_MANY_DIALOGS(1018);

    private final int code;

    RpcError(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The protocol's {@code data.reason}. */
    public String reason() {
        return name();
    }
}
