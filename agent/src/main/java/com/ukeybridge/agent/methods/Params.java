package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.TokenId;

import java.util.Base64;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A request's named parameters, checked at the edge: exactly the expected names, each of the
 * expected type and size. Every failure is {@code INVALID_PARAMS} naming the field.
 */
final class Params {
    private final ObjectNode params;

    private Params(ObjectNode params) {
        this.params = params;
    }

    static Params of(ObjectNode params, Set<String> required, Set<String> optional) {
        for (Iterator<String> names = params.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!required.contains(name) && !optional.contains(name)) {
                throw RpcException.invalidParams(name, "unknown parameter '" + name + "'");
            }
        }
        for (String name : required) {
            if (!params.has(name)) {
                throw RpcException.invalidParams(name, "missing parameter '" + name + "'");
            }
        }
        return new Params(params);
    }

    String text(String name, int maxLength) {
        JsonNode node = params.get(name);
        if (node == null || !node.isTextual()) {
            throw RpcException.invalidParams(name, "'" + name + "' must be a string");
        }
        String value = node.textValue();
        if (value.isEmpty() || value.length() > maxLength) {
            throw RpcException.invalidParams(name, "'" + name + "' must be 1 to " + maxLength + " characters");
        }
        return value;
    }

    Optional<String> optionalText(String name, int maxLength) {
        return params.has(name) ? Optional.of(text(name, maxLength)) : Optional.empty();
    }

    /** {@code verifyPin}'s optional {@code pin}: a string when given. */
    Optional<String> pin() {
        JsonNode node = params.get("pin");
        if (node != null && !node.isTextual()) {
            throw RpcException.invalidParams("pin", "'pin' must be a string");
        }
        return Optional.ofNullable(node).map(JsonNode::textValue);
    }

    TokenId tokenId() {
        return new TokenId(text("tokenId", 128));
    }

    /** A {@code keyId} or hex {@code certId}: lowercase hex of a {@code CKA_ID}. */
    ObjectId hexId(String name) {
        String value = text(name, 512);
        try {
            return ObjectId.fromHex(value);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams(name, "'" + name + "' must be lowercase hex");
        }
    }

    /** Standard base64 with padding, decoded, at most {@code maxBytes}. */
    byte[] base64(String name, int maxBytes) {
        // Base64 of maxBytes is at most 4/3 as long; reject longer text before decoding it.
        String value = text(name, (maxBytes + 2) / 3 * 4);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams(name, "'" + name + "' must be standard base64 with padding");
        }
        if (bytes.length > maxBytes || value.length() % 4 != 0) {
            throw RpcException.invalidParams(name, "'" + name + "' must be standard base64 of at most " + maxBytes + " bytes");
        }
        return bytes;
    }
}
