package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.SignatureAlgorithm;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code getInfo}: what this agent is and can do, on the endpoint it was asked on
 * ({@code protocol}); in protocol v2 also where the PIN is entered ({@code pinEntry}). Needs no token.
 */
final class GetInfo implements RpcMethod {
    static final String AGENT_NAME = "UKey Bridge";

    private final String version;
    private final int protocol;
    private final List<String> methods;
    private final Optional<PinEntry> pinEntry;

    /**
     * @param methods  the token methods of this protocol version, listed as capabilities
     * @param pinEntry answered as {@code pinEntry}; empty in protocol v1, which has no such field
     */
    GetInfo(String version, int protocol, List<String> methods, Optional<PinEntry> pinEntry) {
        this.version = version;
        this.protocol = protocol;
        this.methods = List.copyOf(methods);
        this.pinEntry = pinEntry;
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        Params.of(params, Set.of(), Set.of());
        ObjectNode result = JsonNodeFactory.instance.objectNode()
                .put("agent", AGENT_NAME)
                .put("version", version)
                .put("protocol", protocol);
        pinEntry.ifPresent(entry -> result.put("pinEntry", entry.protocolName()));
        var capabilities = result.putArray("capabilities");
        methods.forEach(capabilities::add);
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            if (protocol >= 2 || algorithm != KeyAlgorithm.SM2) {
                capabilities.add(algorithm.protocolName());
            }
        }
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            // GM keys (SM2, SM3withSM2) are additions of protocol v2; v1 answers as it always did.
            if (protocol >= 2 || algorithm != SignatureAlgorithm.SM3_WITH_SM2) {
                capabilities.add(algorithm.protocolName());
            }
        }
        return result;
    }
}
