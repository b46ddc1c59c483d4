package com.ukeybridge.agent.rpc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Turns one text frame into an {@link RpcRequest}, strictly (docs/protocol.md, "Messages").
 *
 * <ul>
 *   <li>Not JSON, or JSON with trailing content → {@code PARSE_ERROR}, id {@code null}.</li>
 *   <li>A key repeated in any object of the message → {@code PARSE_ERROR}, id {@code null}:
 *       the parser rejects it while reading, before any member (the id included) can be
 *       trusted, so such a message is answered as unreadable. Rejecting rather than keeping
 *       the first or last value means no two readers of the same bytes can disagree.</li>
 *   <li>A batch (array), another non-object, an {@code id} that is absent, {@code null} or
 *       not a number or string, {@code jsonrpc} other than the string {@code "2.0"}, a
 *       missing or non-string {@code method}, or any member besides {@code jsonrpc},
 *       {@code id}, {@code method}, {@code params} → {@code INVALID_REQUEST}.</li>
 *   <li>{@code params} present but not an object → {@code INVALID_PARAMS} with
 *       {@code field: "params"}; absent → {@code {}}.</li>
 * </ul>
 * The answer carries the request's id whenever a valid one could be read. Thread-safe.
 */
public final class RpcMessageReader {
    private static final Set<String> MEMBERS = Set.of("jsonrpc", "id", "method", "params");

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /**
     * @param text one WebSocket text message
     * @throws MalformedMessageException with the error to answer and the id to answer it under
     */
    public RpcRequest read(String text) throws MalformedMessageException {
        JsonNode message = parse(text);
        if (message.isArray()) {
            throw invalid(null, "Batches are not supported");
        }
        if (!message.isObject()) {
            throw invalid(null, "A request is a JSON object");
        }
        JsonNode id = message.get("id");
        if (id == null || !(id.isNumber() || id.isTextual())) {
            throw invalid(null, "A request has an id that is a number or a string");
        }
        JsonNode version = message.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.textValue().equals("2.0")) {
            throw invalid(id, "jsonrpc must be \"2.0\"");
        }
        JsonNode method = message.get("method");
        if (method == null || !method.isTextual()) {
            throw invalid(id, "method must be a string");
        }
        for (Iterator<String> names = message.fieldNames(); names.hasNext(); ) {
            if (!MEMBERS.contains(names.next())) {
                throw invalid(id, "A request has only jsonrpc, id, method and params");
            }
        }
        return new RpcRequest(id, method.textValue(), params(id, message.get("params")));
    }

    private JsonNode parse(String text) throws MalformedMessageException {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JacksonException e) {
            // The parser's message may quote the input, which may hold a PIN: never pass it on.
            node = null;
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedMessageException(null, new RpcException(RpcError.PARSE_ERROR, "Not valid JSON"));
        }
        return node;
    }

    private ObjectNode params(JsonNode id, JsonNode params) throws MalformedMessageException {
        if (params == null) {
            return mapper.createObjectNode();
        }
        if (!params.isObject()) {
            throw new MalformedMessageException(id, RpcException.invalidParams("params", "params must be an object"));
        }
        return (ObjectNode) params;
    }

    private static MalformedMessageException invalid(JsonNode id, String message) {
        return new MalformedMessageException(id == null ? NullNode.getInstance() : id,
                new RpcException(RpcError.INVALID_REQUEST, message));
    }
}
