package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.keys.CreatedKeys;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * {@code deleteKey} of protocol v2: removes only a key pair this agent made with {@code signCsr}
 * and that never got a certificate ({@link CreatedKeys}); any other key is
 * {@code KEY_NOT_CREATED_HERE}, one with a certificate {@code KEY_HAS_CERTIFICATE}.
 */
final class DeleteKeyV2 implements RpcMethod {
    private static final Logger log = LoggerFactory.getLogger(DeleteKeyV2.class);

    private final TokenAccess tokens;
    private final CreatedKeys createdKeys;

    DeleteKeyV2(TokenAccess tokens, CreatedKeys createdKeys) {
        this.tokens = tokens;
        this.createdKeys = createdKeys;
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        Params checked = Params.of(params, Set.of("tokenId", "keyId"), Set.of());
        ObjectId keyId = checked.hexId("keyId");
        Token token = tokens.findLoggedIn(connection, checked.tokenId());
        if (!createdKeys.isUncertified(token.id(), keyId)) {
            if (token.certificates().stream().anyMatch(certificate -> certificate.id().equals(keyId))) {
                throw new RpcException(RpcError.KEY_HAS_CERTIFICATE, "key pair " + keyId + " has a certificate");
            }
            throw new RpcException(RpcError.KEY_NOT_CREATED_HERE, "key " + keyId + " was not made by this agent's signCsr,"
                    + " or has had a certificate: it is not deleteKey's to remove");
        }
        token.deleteKeyPair(keyId);
        createdKeys.forget(token.id(), keyId);
        log.info("deleted key {} on token {}", keyId, token.id());
        return JsonNodeFactory.instance.objectNode().put("deleted", true);
    }
}
