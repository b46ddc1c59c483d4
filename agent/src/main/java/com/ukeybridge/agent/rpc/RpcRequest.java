package com.ukeybridge.agent.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A well-formed JSON-RPC 2.0 request, as {@link RpcMessageReader} admits it.
 *
 * @param id     the request's id, a JSON number or string, echoed in the answer
 * @param method the method name, not yet known to exist
 * @param params the named parameters; {@code {}} when the request has none. Never log it: it may hold a PIN.
 */
public record RpcRequest(JsonNode id, String method, ObjectNode params) {
    public RpcRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        if (!(id.isNumber() || id.isTextual())) {
            throw new IllegalArgumentException("A request id is a number or a string");
        }
    }

    /** Keeps params out of logs and stack traces. */
    @Override
    public String toString() {
        return "RpcRequest[id=" + id + ", method=" + method + "]";
    }
}
