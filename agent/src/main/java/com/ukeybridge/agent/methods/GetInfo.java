package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.SignatureAlgorithm;

import java.util.Set;

/** {@code getInfo}: what this agent is and can do. Needs no token. */
final class GetInfo implements RpcMethod {
    static final String AGENT_NAME = "UKey Bridge";
    static final int PROTOCOL = 1;

    private final String version;

    GetInfo(String version) {
        this.version = version;
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        Params.of(params, Set.of(), Set.of());
        ObjectNode result = JsonNodeFactory.instance.objectNode()
                .put("agent", AGENT_NAME)
                .put("version", version)
                .put("protocol", PROTOCOL);
        var capabilities = result.putArray("capabilities");
        AgentMethods.TOKEN_METHODS.forEach(capabilities::add);
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            capabilities.add(algorithm.protocolName());
        }
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            capabilities.add(algorithm.protocolName());
        }
        return result;
    }
}
