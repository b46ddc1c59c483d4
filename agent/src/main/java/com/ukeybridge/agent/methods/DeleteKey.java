package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.keys.CreatedKeys;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.KeyToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;

/**
 * {@code deleteKey}: removes a key pair that has no certificate (its request was refused). In
 * protocol v2 only one this agent made with {@code signCsr} and that never got a certificate
 * ({@link CreatedKeys}): any other is {@code KEY_NOT_CREATED_HERE}, or {@code KEY_HAS_CERTIFICATE}
 * when it has a certificate.
 */
final class DeleteKey implements RpcMethod {
    private static final Logger log = LoggerFactory.getLogger(DeleteKey.class);

    private final TokenAccess tokens;
    private final CreatedKeys createdKeys;
    private final boolean onlyCreatedHere;

    /** @param onlyCreatedHere protocol v2's rule; v1 deletes any key pair without a certificate */
    DeleteKey(TokenAccess tokens, CreatedKeys createdKeys, boolean onlyCreatedHere) {
        this.tokens = tokens;
        this.createdKeys = createdKeys;
        this.onlyCreatedHere = onlyCreatedHere;
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        Params checked = Params.of(params, Set.of("tokenId", "keyId"), Set.of());
        ObjectId keyId = checked.hexId("keyId");
        KeyToken token = tokens.findLoggedIn(connection, checked.tokenId());
        if (onlyCreatedHere) {
            refusal(token, keyId).ifPresent(refusal -> {
                throw refusal;
            });
        }
        token.deleteKeyPair(keyId);
        createdKeys.forget(token.id(), keyId);
        log.info("deleted key {} on token {}", keyId, token.id());
        return JsonNodeFactory.instance.objectNode().put("deleted", true);
    }

    private Optional<RpcException> refusal(KeyToken token, ObjectId keyId) {
        if (createdKeys.isUncertified(token.id(), keyId)) {
            return Optional.empty();
        }
        if (token.certificates().stream().anyMatch(certificate -> certificate.id().equals(keyId))) {
            return Optional.of(new RpcException(RpcError.KEY_HAS_CERTIFICATE, "key pair " + keyId + " has a certificate"));
        }
        return Optional.of(new RpcException(RpcError.KEY_NOT_CREATED_HERE, "key " + keyId + " was not made by this agent's"
                + " signCsr, or has had a certificate: it is not deleteKey's to remove"));
    }
}
