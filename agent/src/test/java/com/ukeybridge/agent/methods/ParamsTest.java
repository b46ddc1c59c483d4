package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.error()).isEqualTo(RpcError.INVALID_PARAMS);
                    assertThat(e.extra()).containsEntry("field", field);
                });
    }

    @Test
    void whenAnUnknownParameterIsSent_thenItIsNamed() throws Exception {
        ObjectNode params = json("{\"tokenId\":\"t\",\"pin2\":\"1234\"}");
        assertInvalid(() -> Params.of(params, Set.of("tokenId"), Set.of("pin")), "pin2");
    }

    @Test
    void whenARequiredParameterIsMissing_thenItIsNamed() throws Exception {
        ObjectNode params = json("{\"tokenId\":\"t\"}");
        assertInvalid(() -> Params.of(params, Set.of("tokenId", "keyId"), Set.of()), "keyId");
    }

    @Test
    void whenAStringIsANumber_thenItIsNamed() throws Exception {
        Params params = Params.of(json("{\"tokenId\":5}"), Set.of("tokenId"), Set.of());
        assertInvalid(params::tokenId, "tokenId");
    }

    @Test
    void whenBase64IsStandardAndPadded_thenItDecodes() throws Exception {
        Params params = Params.of(json("{\"data\":\"aGVsbG8=\"}"), Set.of("data"), Set.of());
        assertThat(params.base64("data", 16)).isEqualTo("hello".getBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aGVsbG8", "aGVs bG8=", "aGVsbG8_", "-_-_", "!!!!", ""})
    void whenBase64IsMalformedOrUnpadded_thenRefused(String value) throws Exception {
        Params params = Params.of(json("{\"data\":\"" + value + "\"}"), Set.of("data"), Set.of());
        assertInvalid(() -> params.base64("data", 16), "data");
    }

    @Test
    void whenBase64DecodesToMoreThanTheLimit_thenRefused() throws Exception {
        Params params = Params.of(json("{\"data\":\"AAAAAAAAAAAAAAAAAAAAAAAA\"}"), Set.of("data"), Set.of());
        assertThat(params.base64("data", 18)).hasSize(18);
        assertInvalid(() -> params.base64("data", 17), "data");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCD", "abc", "xyz0", "", "0x12"})
    void whenAnIdIsNotLowercaseHex_thenRefused(String value) throws Exception {
        Params params = Params.of(json("{\"keyId\":\"" + value + "\"}"), Set.of("keyId"), Set.of());
        assertInvalid(() -> params.hexId("keyId"), "keyId");
    }

    @Test
    void whenAnIdIsLowercaseHex_thenItIsTheBytes() throws Exception {
        Params params = Params.of(json("{\"keyId\":\"0a1b\"}"), Set.of("keyId"), Set.of());
        assertThat(params.hexId("keyId").bytes()).containsExactly(0x0a, 0x1b);
    }
}
