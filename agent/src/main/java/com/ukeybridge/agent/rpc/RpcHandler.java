package com.ukeybridge.agent.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The methods of docs/protocol.md, behind the JSON-RPC envelope. The transport parses and checks
 * the envelope, then calls {@link #call} on a worker thread (it may block on a token);
 * requests of one connection may run at once and be answered out of order.
 */
public interface RpcHandler {
    /**
     * @param params the request's named parameters ({@code {}} when absent)
     * @return the JSON-RPC {@code result}
     * @throws RpcException for every failure the protocol names, including {@code METHOD_NOT_FOUND}
     */
    JsonNode call(ClientConnection connection, String method, ObjectNode params);

    void connectionOpened(ClientConnection connection);

    /** After this, the connection's logins are gone. */
    void connectionClosed(ClientConnection connection);
}
