package com.ukeybridge.agent.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Writes the agent's side of JSON-RPC 2.0: results, errors ({@code {code, message, data: {reason, …}}})
 * and notifications, each as the text of one WebSocket frame. Thread-safe.
 */
public final class RpcResponses {
    private final ObjectMapper mapper = JsonMapper.builder().build();

    /** {@code {"jsonrpc":"2.0","id":…,"result":…}}; a Java {@code null} result is JSON {@code null}. */
    public String result(JsonNode id, JsonNode result) {
        ObjectNode response = envelope(id);
        response.set("result", result == null ? NullNode.getInstance() : result);
        return write(response);
    }

    /** {@code {"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…,"data":{"reason":…, …extra}}}}. */
    public String error(JsonNode id, RpcException error) {
        ObjectNode data = mapper.createObjectNode();
        data.put("reason", error.error().reason());
        for (Map.Entry<String, Object> extra : error.extra().entrySet()) {
            // reason is the protocol's stable name; an extra field must not replace it.
            if (!extra.getKey().equals("reason")) {
                data.set(extra.getKey(), mapper.valueToTree(extra.getValue()));
            }
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("code", error.error().code());
        body.put("message", error.getMessage() == null ? error.error().reason() : error.getMessage());
        body.set("data", data);
        ObjectNode response = envelope(id);
        response.set("error", body);
        return write(response);
    }

    /** {@code {"jsonrpc":"2.0","method":…,"params":…}}: a notification, without an id. */
    public String notification(String method, JsonNode params) {
        ObjectNode message = mapper.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        message.set("params", params == null ? mapper.createObjectNode() : params);
        return write(message);
    }

    private ObjectNode envelope(JsonNode id) {
        ObjectNode response = mapper.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id == null ? NullNode.getInstance() : id);
        return response;
    }

    private String write(ObjectNode message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serializes; this would be a bug in Jackson or here.
            throw new IllegalStateException("Cannot write a JSON-RPC message", e);
        }
    }
}
