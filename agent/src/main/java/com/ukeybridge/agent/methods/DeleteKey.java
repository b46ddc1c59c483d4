package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/** {@code deleteKey}: removes a key pair that has no certificate (its request was refused). */
final class DeleteKey implements RpcMethod {
    private static final Logger log = LoggerFactory.getLogger(DeleteKey.class);

    private final TokenAccess tokens;

    DeleteKey(TokenAccess tokens) {
        this.tokens = tokens;
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        Params checked = Params.of(params, Set.of("tokenId", "keyId"), Set.of());
        ObjectId keyId = checked.hexId("keyId");
        Token token = tokens.findLoggedIn(connection, checked.tokenId());
        token.deleteKeyPair(keyId);
        log.info("deleted key {} on token {}", keyId, token.id());
        return JsonNodeFactory.instance.objectNode().put("deleted", true);
    }
}
