package com.ukeybridge.agent.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/** One page's WebSocket connection, as the method side sees it. Thread-safe. */
public interface ClientConnection {
    /** Unique for the agent's lifetime. */
    String id();

    /** The {@code Origin} the connection was admitted with. */
    String origin();

    /** The protocol version of the endpoint the connection was opened on ({@code /v1} → 1, {@code /v2} → 2). */
    int protocol();

    /** Sends a JSON-RPC notification (no {@code id}); quietly dropped once the connection is closed. */
    void notify(String method, JsonNode params);
}
