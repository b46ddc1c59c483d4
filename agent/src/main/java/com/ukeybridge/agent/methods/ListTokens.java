package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.rpc.ClientConnection;

import java.util.Set;

/** {@code listTokens}: every present, initialised token, as this connection may see it. */
final class ListTokens implements RpcMethod {
    private final TokenList tokenList;

    ListTokens(TokenList tokenList) {
        this.tokenList = tokenList;
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        Params.of(params, Set.of(), Set.of());
        return tokenList.render(tokenList.read(), connection);
    }
}
