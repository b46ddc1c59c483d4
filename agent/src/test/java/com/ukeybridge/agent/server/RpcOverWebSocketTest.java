package com.ukeybridge.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpcOverWebSocketTest {
    @TempDir
    Path tlsDir;
    RunningServer agent;
    WsClient page;

    @BeforeEach
    void start() throws Exception {
        agent = new RunningServer(tlsDir);
        page = agent.connect(RunningServer.ORIGIN);
    }

    @AfterEach
    void stop() {
        agent.handler.release();
        agent.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json                                             | null | -32700 | PARSE_ERROR",
        "`{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"echo\"}` | null | -32700 | PARSE_ERROR",
        "`[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}]`  | null | -32600 | INVALID_REQUEST",
        "`[]`                                                   | null | -32600 | INVALID_REQUEST",
        "`\"hello\"`                                            | null | -32600 | INVALID_REQUEST",
        "`{\"jsonrpc\":\"2.0\",\"method\":\"echo\"}`            | null | -32600 | INVALID_REQUEST",
        "`{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"echo\"}`  | null | -32600 | INVALID_REQUEST",
        "`{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"echo\"}`   | 3    | -32600 | INVALID_REQUEST",
        "`{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":5}`      | `\"s\"` | -32600 | INVALID_REQUEST",
        "`{\"jsonrpc\":\"2.0\",\"id\":4}`                       | 4    | -32600 | INVALID_REQUEST",
        "`{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"echo\",\"params\":[1]}` | 5 | -32602 | INVALID_PARAMS",
        "`{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"nope\"}`   | 6    | -32601 | METHOD_NOT_FOUND"})
    void whenTheMessageIsWrong_thenTheErrorIsAnsweredAndTheConnectionStaysUsable(String message, String id, int code,
                                                                                String reason) {
        JsonNode answer = page.call(message);

        assertThat(answer.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(answer.get("id").toString()).isEqualTo(id);
        assertThat(answer.has("result")).isFalse();
        assertThat(answer.get("error").get("code").asInt()).isEqualTo(code);
        assertThat(answer.get("error").get("message").isTextual()).isTrue();
        assertThat(answer.get("error").get("data").get("reason").asText()).isEqualTo(reason);
        assertThat(answer.get("error").size()).isEqualTo(3);
        assertThat(page.call("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"echo\"}").get("id").asInt()).isEqualTo(99);
    }

    @Test
    void whenParamsAreNotAnObject_thenDataNamesTheField() {
        JsonNode answer = page.call("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"echo\",\"params\":\"x\"}");

        assertThat(answer.get("error").get("data").toString()).isEqualTo("{\"reason\":\"INVALID_PARAMS\",\"field\":\"params\"}");
    }

    @Test
    void whenTheHandlerThrowsAProtocolError_thenItIsAnsweredWithItsExtraData() {
        JsonNode answer = page.call("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"fail\"}");

        assertThat(answer.get("error").get("code").asInt()).isEqualTo(1002);
        assertThat(answer.get("error").get("data").get("reason").asText()).isEqualTo("PIN_INCORRECT");
        assertThat(answer.get("error").get("data").get("retriesLeft").asInt()).isEqualTo(2);
        assertThat(answer.get("error").get("data").get("finalTry").asBoolean()).isFalse();
    }

    @Test
    void whenTheHandlerHasABug_thenItIsAnInternalErrorAndTheConnectionStillWorks() {
        JsonNode answer = page.call("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"boom\"}");

        assertThat(answer.toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-32603,"
                + "\"message\":\"Internal error\",\"data\":{\"reason\":\"INTERNAL_ERROR\"}}}");
        assertThat(page.call("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"echo\"}").get("result").isObject()).isTrue();
    }

    @Test
    void whenASlowRequestPrecedesAFastOne_thenTheFastOneIsAnsweredFirst() {
        page.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"wait\"}");
        page.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":{\"fast\":true}}");

        assertThat(page.next().toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"fast\":true}}");
        agent.handler.release();
        assertThat(page.next().toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"waited\"}");
    }

    @Test
    void whenTheMethodSideNotifies_thenAnotherConnectionReceivesIt() {
        try (WsClient other = agent.connect(RunningServer.OTHER_ORIGIN)) {
            agent.handler.awaitOpened(1); // the client may see the upgrade before the agent has the connection
            JsonNode answer = page.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"broadcast\",\"params\":{\"tokens\":[]}}");

            assertThat(answer.get("result").asBoolean()).isTrue();
            assertThat(other.next().toString())
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"tokensChanged\",\"params\":{\"tokens\":[]}}");
        }
    }

    @Test
    void whenTheClientCloses_thenConnectionClosedIsCalledOnce() throws Exception {
        String id = agent.handler.awaitOpened(0).id();

        page.close();

        assertThat(agent.handler.closedLatch(id).await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.handler.closeCounts.get(id)).hasValue(1);
        assertThat(agent.handler.opened).hasSize(1);
    }

    @Test
    void whenTheClientClosesDuringACall_thenConnectionClosedWaitsForTheCallToReturn() throws Exception {
        String id = agent.handler.awaitOpened(0).id();
        page.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"wait\"}");
        awaitRunning(1);

        page.close();

        assertThat(agent.handler.closedLatch(id).await(300, TimeUnit.MILLISECONDS)).isFalse();
        agent.handler.release();
        assertThat(agent.handler.closedLatch(id).await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.handler.closeCounts.get(id)).hasValue(1);
    }

    @Test
    void whenTheServerStops_thenEveryConnectionIsClosedOnce() throws Exception {
        String id = agent.handler.awaitOpened(0).id();

        agent.server.stop();

        assertThat(agent.handler.closedLatch(id).await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.handler.closeCounts.get(id)).hasValue(1);
    }

    @Test
    void whenTheServerStops_thenPagesAreToldItIsGoingAway() {
        agent.handler.awaitOpened(0);

        agent.server.stop();

        assertThat(page.closeCode()).isEqualTo(1001);
    }

    @Test
    void whenTheMethodSideFailsToTakeOnAConnection_thenItIsClosedWith1011AndClosedOnce() throws Exception {
        agent.handler.failOnOpen = true;
        WsClient failing = agent.connect(RunningServer.OTHER_ORIGIN);
        String id = agent.handler.awaitOpened(1).id();

        assertThat(failing.closeCode()).isEqualTo(1011);
        assertThat(agent.handler.closedLatch(id).await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.handler.closeCounts.get(id)).hasValue(1);
    }

    @Test
    void whenNotifyingAClosedConnection_thenItIsQuietlyDropped() throws Exception {
        String id = agent.handler.awaitOpened(0).id();
        page.close();
        agent.handler.closedLatch(id).await(10, TimeUnit.SECONDS);

        agent.handler.awaitOpened(0).notify("tokensChanged", null);
    }

    @Test
    void whenAPageHas32CallsOpen_thenItsNextMessageWaitsUntilOneIsAnswered() throws Exception {
        for (int i = 1; i <= RpcEndpoint.MAX_IN_FLIGHT + 1; i++) {
            page.send("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"wait\"}");
        }
        awaitRunning(RpcEndpoint.MAX_IN_FLIGHT);

        // Another page is still served: the cap is per connection, and the workers have room.
        try (WsClient other = agent.connect(RunningServer.OTHER_ORIGIN)) {
            assertThat(other.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}").get("result").isObject()).isTrue();
        }
        assertThat(agent.handler.running.get()).isEqualTo(RpcEndpoint.MAX_IN_FLIGHT);

        agent.handler.release();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i <= RpcEndpoint.MAX_IN_FLIGHT; i++) {
            ids.add(page.next().get("id").asInt());
        }
        assertThat(ids).hasSize(RpcEndpoint.MAX_IN_FLIGHT + 1).doesNotHaveDuplicates();
        assertThat(agent.handler.running.get()).isEqualTo(RpcEndpoint.MAX_IN_FLIGHT + 1);
    }

    private void awaitRunning(int count) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (agent.handler.running.get() < count && System.nanoTime() < deadline) {
            never.await(10, TimeUnit.MILLISECONDS);
        }
        assertThat(agent.handler.running.get()).isEqualTo(count);
    }
}
