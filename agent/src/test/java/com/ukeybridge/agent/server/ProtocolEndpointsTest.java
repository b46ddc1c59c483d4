package com.ukeybridge.agent.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each protocol version served has its endpoint {@code /vN}; a version not served is 404 like any unknown path. */
class ProtocolEndpointsTest {
    @TempDir
    Path tlsDir;

    @Test
    void whenOnlyVersion2IsServed_thenV1IsRefusedAtTheUpgradeAndV2Answers() throws Exception {
        try (RunningServer agent = new RunningServer(tlsDir, List.of(2))) {
            Throwable refusal = WsClient.refusal(agent.http, agent.webSocketUri("127.0.0.1", 1), RunningServer.ORIGIN);
            assertThat(refusal).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) refusal).getResponse().statusCode()).isEqualTo(404);

            try (WsClient page = WsClient.connect(agent.http, agent.webSocketUri("127.0.0.1", 2), RunningServer.ORIGIN)) {
                page.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"protocol\"}");
                assertThat(page.next().get("result").asInt()).isEqualTo(2);
            }
        }
    }

    @Test
    void whenBothVersionsAreServed_thenEachConnectionKnowsItsEndpoint() throws Exception {
        try (RunningServer agent = new RunningServer(tlsDir, List.of(2, 1));
             WsClient v1 = WsClient.connect(agent.http, agent.webSocketUri("127.0.0.1", 1), RunningServer.ORIGIN);
             WsClient v2 = WsClient.connect(agent.http, agent.webSocketUri("localhost", 2), RunningServer.ORIGIN)) {
            v1.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"protocol\"}");
            v2.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"protocol\"}");

            assertThat(v1.next().get("result").asInt()).isEqualTo(1);
            assertThat(v2.next().get("result").asInt()).isEqualTo(2);
        }
    }

    @Test
    void whenHealthIsAsked_thenItNamesTheHighestVersionAndEveryVersionServed() throws Exception {
        try (RunningServer agent = new RunningServer(tlsDir, List.of(1, 2))) {
            HttpResponse<String> response = agent.get("/health");

            assertThat(new ObjectMapper().readTree(response.body())).isEqualTo(new ObjectMapper().readTree(
                    "{\"status\":\"ok\",\"version\":\"" + RunningServer.VERSION + "\",\"protocol\":2,\"protocols\":[1,2]}"));
        }
    }
}
