package com.ukeybridge.agent.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RpcMessageReaderTest {
    private final RpcMessageReader reader = new RpcMessageReader();

    @Test
    void whenTheRequestIsComplete_thenItIsReadWithIdMethodAndParams() throws Exception {
        RpcRequest request = reader.read("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"verifyPin\",\"params\":{\"tokenId\":\"t\"}}");

        assertThat(request.id()).isEqualTo(JsonNodeFactory.instance.numberNode(3));
        assertThat(request.method()).isEqualTo("verifyPin");
        assertThat(request.params().toString()).isEqualTo("{\"tokenId\":\"t\"}");
    }

    @Test
    void whenParamsAreAbsent_thenTheyAreAnEmptyObject() throws Exception {
        RpcRequest request = reader.read("{\"jsonrpc\":\"2.0\",\"id\":\"a-1\",\"method\":\"getInfo\"}");

        assertThat(request.id().textValue()).isEqualTo("a-1");
        assertThat(request.params().isEmpty()).isTrue();
    }

    @Test
    void whenTheIdIsAFractionOrAHugeNumber_thenItIsKeptExactly() throws Exception {
        assertThat(reader.read("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"m\"}").id().toString()).isEqualTo("1.5");
        assertThat(reader.read("{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"m\"}").id().toString())
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void whenTheRequestToStringIsLogged_thenParamsStayOut() throws Exception {
        RpcRequest request = reader.read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"verifyPin\",\"params\":{\"pin\":\"123456\"}}");

        assertThat(request.toString()).doesNotContain("123456").contains("verifyPin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "not json", "{", "{\"jsonrpc\":\"2.0\",}", "{'jsonrpc':'2.0'}", "{\"a\":NaN}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"} {}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"}x",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"} // comment", "{\"id\":01,\"jsonrpc\":\"2.0\",\"method\":\"m\"}"})
    void whenTheTextIsNotJson_thenItIsAParseErrorWithNullId(String text) {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class, () -> reader.read(text));

        assertThat(e.error().error()).isEqualTo(RpcError.PARSE_ERROR);
        assertThat(e.id().isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"method\":\"n\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"verifyPin\",\"params\":{\"pin\":\"1\",\"pin\":\"2\"}}"})
    void whenAKeyIsRepeatedAnywhere_thenItIsAParseErrorWithNullId(String text) {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class, () -> reader.read(text));

        assertThat(e.error().error()).isEqualTo(RpcError.PARSE_ERROR);
        assertThat(e.id().isNull()).isTrue();
    }

    @Test
    void whenTheParserFails_thenTheErrorDoesNotQuoteTheInput() {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class,
                () -> reader.read("{\"params\":{\"pin\":\"864209\"} oops"));

        assertThat(e.error().getMessage()).doesNotContain("864209");
        assertThat(e.getMessage()).doesNotContain("864209");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getInfo\"}]", "1", "\"text\"", "null", "true"})
    void whenTheMessageIsABatchOrNotAnObject_thenItIsAnInvalidRequestWithNullId(String text) {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class, () -> reader.read(text));

        assertThat(e.error().error()).isEqualTo(RpcError.INVALID_REQUEST);
        assertThat(e.id().isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"m\"}",
        "{\"id\":[1]}"})
    void whenTheIdIsMissingOrNotANumberOrString_thenItIsAnInvalidRequestWithNullId(String text) {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class, () -> reader.read(text));

        assertThat(e.error().error()).isEqualTo(RpcError.INVALID_REQUEST);
        assertThat(e.id().isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":7,\"method\":\"m\"}",
        "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"m\"}",
        "{\"jsonrpc\":2.0,\"id\":7,\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0 \",\"id\":7,\"method\":\"m\"}",
        "{\"jsonrpc\":null,\"id\":7,\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":7}",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":null}",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":[\"m\"]}",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"m\",\"extra\":1}"})
    void whenTheEnvelopeIsWrongButTheIdReadable_thenItIsAnInvalidRequestWithThatId(String text) {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class, () -> reader.read(text));

        assertThat(e.error().error()).isEqualTo(RpcError.INVALID_REQUEST);
        assertThat(e.id().intValue()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[1]", "\"x\"", "1", "true", "null"})
    void whenParamsAreNotAnObject_thenItIsInvalidParamsNamingParams(String params) {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class,
                () -> reader.read("{\"jsonrpc\":\"2.0\",\"id\":\"q\",\"method\":\"m\",\"params\":" + params + "}"));

        assertThat(e.error().error()).isEqualTo(RpcError.INVALID_PARAMS);
        assertThat(e.error().extra()).containsEntry("field", "params");
        assertThat(e.id().textValue()).isEqualTo("q");
    }
}
