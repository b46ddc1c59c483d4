package com.ukeybridge.agent.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RpcResponsesTest {
    private final RpcResponses responses = new RpcResponses();
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    @Test
    void whenAResultIsWritten_thenItHasJsonrpcIdAndResultOnly() {
        assertThat(responses.result(json.numberNode(4), json.objectNode().put("loggedIn", true)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"loggedIn\":true}}");
    }

    @Test
    void whenTheResultIsJavaNull_thenItIsJsonNull() {
        assertThat(responses.result(json.textNode("a"), null)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":null}");
    }

    @Test
    void whenAnErrorIsWritten_thenItHasCodeMessageAndDataWithReason() {
        assertThat(responses.error(NullNode.getInstance(), new RpcException(RpcError.PARSE_ERROR, "Not valid JSON")))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Not valid JSON\","
                        + "\"data\":{\"reason\":\"PARSE_ERROR\"}}}");
    }

    @Test
    void whenAnErrorHasExtraData_thenItFollowsTheReasonIncludingNulls() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("retriesLeft", null);
        extra.put("finalTry", true);
        extra.put("supported", List.of("RSA-2048", "EC-P256"));

        assertThat(responses.error(json.numberNode(9), new RpcException(RpcError.PIN_INCORRECT, "Wrong PIN", extra)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":1002,\"message\":\"Wrong PIN\","
                        + "\"data\":{\"reason\":\"PIN_INCORRECT\",\"retriesLeft\":null,\"finalTry\":true,"
                        + "\"supported\":[\"RSA-2048\",\"EC-P256\"]}}}");
    }

    @Test
    void whenExtraDataNamesReason_thenTheProtocolReasonWins() {
        assertThat(responses.error(json.numberNode(1),
                new RpcException(RpcError.TOKEN_ERROR, "Token failed", Map.of("reason", "other", "ckr", "CKR_DEVICE_REMOVED"))))
                .contains("\"reason\":\"TOKEN_ERROR\"").contains("\"ckr\":\"CKR_DEVICE_REMOVED\"").doesNotContain("other");
    }

    @Test
    void whenANotificationIsWritten_thenItHasNoId() {
        assertThat(responses.notification("tokensChanged", json.objectNode().set("tokens", json.arrayNode())))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"tokensChanged\",\"params\":{\"tokens\":[]}}");
    }
}
