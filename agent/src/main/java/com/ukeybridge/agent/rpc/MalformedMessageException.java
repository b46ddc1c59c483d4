package com.ukeybridge.agent.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * A message that is not a request this agent accepts; it is answered with {@link #error()}
 * under {@link #id()} and the connection stays open.
 */
public final class MalformedMessageException extends Exception {
    private final transient JsonNode id;
    private final RpcException error;

    MalformedMessageException(JsonNode id, RpcException error) {
        super(error.getMessage(), null, false, false);
        this.id = Objects.requireNonNullElse(id, NullNode.getInstance());
        this.error = error;
    }

    /** The request's id when it could be read, else JSON {@code null}. */
    public JsonNode id() {
        return id;
    }

    public RpcException error() {
        return error;
    }
}
