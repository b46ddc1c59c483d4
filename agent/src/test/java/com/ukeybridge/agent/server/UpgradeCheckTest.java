package com.ukeybridge.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpgradeCheckTest {
    @TempDir
    Path tlsDir;
    RunningServer agent;

    @BeforeEach
    void start() throws Exception {
        agent = new RunningServer(tlsDir);
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void whenTheOriginIsAllowed_thenTheConnectionOpensAndAnswers() {
        try (WsClient page = agent.connect(RunningServer.ORIGIN)) {
            assertThat(page.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"a\":1}}").toString())
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":1}}");
        }
        assertThat(agent.handler.opened).singleElement()
                .satisfies(connection -> assertThat(connection.origin()).isEqualTo(RunningServer.ORIGIN));
    }

    @Test
    void whenTheSecondAllowedOriginConnects_thenItIsAdmittedToo() {
        try (WsClient page = agent.connect(RunningServer.OTHER_ORIGIN)) {
            assertThat(page.call("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"echo\"}").get("result").isObject()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example",
        "https://site.example.evil.com",
        "https://evil.com/https://site.example",
        "http://site.example",
        "https://site.example/",
        "https://site.example:443",
        "https://site.example:8443",
        "https://SITE.example",
        "HTTPS://site.example",
        "https://site.exampl",
        "https://xsite.example",
        "null",
        ""})
    void whenTheOriginIsNotExactlyAllowed_thenTheUpgradeIsRefusedWith403(String origin) throws Exception {
        String response = agent.raw(RunningServer.upgradeRequest("127.0.0.1:" + agent.port(), "Origin: " + origin));

        assertRefusedWithoutUpgrade(response);
        assertThat(agent.handler.opened).isEmpty();
    }

    @Test
    void whenTheOriginIsMissing_thenTheUpgradeIsRefusedWith403() throws Exception {
        String response = agent.raw(RunningServer.upgradeRequest("127.0.0.1:" + agent.port()));

        assertRefusedWithoutUpgrade(response);
    }

    @Test
    void whenTwoOriginsAreSent_thenTheUpgradeIsRefusedWith403() throws Exception {
        String response = agent.raw(RunningServer.upgradeRequest("127.0.0.1:" + agent.port(),
                "Origin: " + RunningServer.ORIGIN, "Origin: https://evil.example"));

        assertRefusedWithoutUpgrade(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Upgrade: websocket\r\nConnection: Upgrade", "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 8"})
    void whenAForeignPageSendsAHandshakeJettyWouldFindMalformed_thenItStillSees403(String onlyHeader) throws Exception {
        String response = agent.raw("GET /v1 HTTP/1.1\r\nHost: 127.0.0.1:" + agent.port() + "\r\nOrigin: https://evil.example\r\n"
                + onlyHeader + "\r\n\r\n");

        assertRefusedWithoutUpgrade(response);
    }

    @Test
    void whenAnAllowedPageSendsAMalformedHandshake_thenItIs404AndNoUpgrade() throws Exception {
        String response = agent.raw(RunningServer.upgradeRequest("127.0.0.1:" + agent.port(), "Origin: " + RunningServer.ORIGIN)
                .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"));

        assertThat(response).startsWith("HTTP/1.1 4").doesNotContainIgnoringCase("upgrade: websocket");
        assertThat(agent.handler.opened).isEmpty();
    }

    @Test
    void whenJavasClientSendsAForeignOrigin_thenItSees403() {
        Throwable refusal = WsClient.refusal(agent.http, agent.webSocketUri("127.0.0.1"), "https://evil.example");

        assertThat(refusal).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refusal).getResponse().statusCode()).isEqualTo(403);
    }

    @Test
    void whenTheUpgradeIsWellFormedAndAllowed_thenTheRawHandshakeSwitchesProtocols() throws Exception {
        String response = agent.raw(RunningServer.upgradeRequest("127.0.0.1:" + agent.port(), "Origin: " + RunningServer.ORIGIN));

        assertThat(response).startsWith("HTTP/1.1 101 ").containsIgnoringCase("upgrade: websocket")
                .doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:%d", "evil.example", "127.0.0.1", "127.0.0.1:1", "localhost",
        "127.0.0.2:%d", "0.0.0.0:%d", "[::1]", "::1:%d", "localhost.:%d", "127.0.0.1:%d.evil.example", "%d"})
    void whenTheHostIsNotThisAgent_thenTheUpgradeIsRefusedWith403(String hostPattern) throws Exception {
        String host = hostPattern.replace("%d", Integer.toString(agent.port()));

        String response = agent.raw(RunningServer.upgradeRequest(host, "Origin: " + RunningServer.ORIGIN));

        assertThat(response).as(host).startsWith("HTTP/1.1 4");
        assertThat(response).as(host).doesNotStartWith("HTTP/1.1 101").doesNotContainIgnoringCase("upgrade: websocket");
        assertThat(agent.handler.opened).isEmpty();
    }

    @Test
    void whenTheHostIsForeign_thenTheStatusIs403() throws Exception {
        String response = agent.raw(RunningServer.upgradeRequest("evil.example:" + agent.port(), "Origin: " + RunningServer.ORIGIN));

        assertRefusedWithoutUpgrade(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:%d", "localhost:%d", "[::1]:%d"})
    void whenTheHostNamesALoopbackAddressOfThisAgent_thenTheUpgradeSucceeds(String hostPattern) throws Exception {
        String host = hostPattern.replace("%d", Integer.toString(agent.port()));

        String response = agent.raw(RunningServer.upgradeRequest(host, "Origin: " + RunningServer.ORIGIN));

        assertThat(response).startsWith("HTTP/1.1 101 ");
    }

    @Test
    void whenConnectingThroughLocalhost_thenItAnswersTheSame() {
        try (WsClient page = WsClient.connect(agent.http, agent.webSocketUri("localhost"), RunningServer.ORIGIN)) {
            assertThat(page.call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\"}").toString())
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
        }
    }

    @Test
    void whenConnectingThroughIpv6Loopback_thenItAnswersTheSame() {
        assumeThat(LoopbackSockets.hasIpv6Loopback()).as("this machine has ::1").isTrue();

        try (WsClient page = WsClient.connect(agent.http, agent.webSocketUri("[::1]"), RunningServer.ORIGIN)) {
            assertThat(page.call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\"}").toString())
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
        }
    }

    private static void assertRefusedWithoutUpgrade(String response) {
        assertThat(response).startsWith("HTTP/1.1 403 ");
        String head = response.substring(0, Math.max(response.indexOf("\r\n\r\n"), 0));
        assertThat(head).doesNotContainIgnoringCase("upgrade: websocket").doesNotContainIgnoringCase("Sec-WebSocket-Accept");
        assertThat(response).doesNotContainIgnoringCase("jetty").doesNotContainIgnoringCase("servlet");
    }
}
