package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.login.LoginLedger;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.token.KeyToken;

import java.util.Set;

/** {@code logout}: ends this connection's login to the token; others' logins stay. */
final class Logout implements RpcMethod {
    private final TokenAccess tokens;
    private final LoginLedger logins;

    Logout(TokenAccess tokens, LoginLedger logins) {
        this.tokens = tokens;
        this.logins = logins;
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        Params checked = Params.of(params, Set.of("tokenId"), Set.of());
        KeyToken token = tokens.find(checked.tokenId());
        logins.logout(connection.id(), token);
        return JsonNodeFactory.instance.objectNode().put("loggedIn", false);
    }
}
