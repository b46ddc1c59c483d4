package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.rpc.ClientConnection;

/** One method of docs/protocol.md. */
@FunctionalInterface
interface RpcMethod {
    JsonNode call(ClientConnection connection, ObjectNode params);
}
