package com.ukeybridge.agent.rpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure answered to the page as a JSON-RPC error: {@code {code, message, data: {reason, …}}}.
 * {@code message} is English for developers; {@code extra} holds the protocol's extra
 * {@code data} fields (a value may be null, as {@code retriesLeft} is when the token does not tell).
 */
public class RpcException extends RuntimeException {
    private final RpcError error;
    private final Map<String, Object> extra;

    public RpcException(RpcError error, String message) {
        this(error, message, Map.of());
    }

    public RpcException(RpcError error, String message, Map<String, ?> extra) {
        super(message);
        this.error = error;
        this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** {@code INVALID_PARAMS} naming the offending parameter. */
    public static RpcException invalidParams(String field, String message) {
        return new RpcException(RpcError.INVALID_PARAMS, message, Map.of("field", field));
    }

    public RpcError error() {
        return error;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
