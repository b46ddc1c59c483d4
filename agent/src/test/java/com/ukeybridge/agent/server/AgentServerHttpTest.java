package com.ukeybridge.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentServerHttpTest {
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
    void whenHealthIsAsked_thenItAnswersStatusVersionAndProtocol() throws Exception {
        HttpResponse<String> response = agent.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(new ObjectMapper().readTree(response.body())).isEqualTo(new ObjectMapper().readTree(
                "{\"status\":\"ok\",\"version\":\"" + RunningServer.VERSION + "\",\"protocol\":1,\"protocols\":[1]}"));
    }

    @Test
    void whenHealthIsAskedWithAForeignOrigin_thenItStillAnswers() throws Exception {
        HttpResponse<String> response = agent.http.send(HttpRequest.newBuilder(agent.uri("127.0.0.1", "/health"))
                .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void whenHealthIsAskedOnLocalhost_thenItAnswers() throws Exception {
        HttpResponse<String> response = agent.http.send(HttpRequest.newBuilder(agent.uri("localhost", "/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v1", "/v1/", "/V1", "/health/x", "/favicon.ico", "/v2", "/ws"})
    void whenAnyOtherPathIsAsked_thenItIs404WithNothingToTell(String path) throws Exception {
        HttpResponse<String> response = agent.get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("Not found");
        assertThat(response.headers().firstValue("Server")).isEmpty();
        assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"})
    void whenAnotherMethodIsUsed_thenItIs404(String method) throws Exception {
        for (String path : new String[] {"/health", "/v1", "/"}) {
            String response = agent.raw(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + agent.port()
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

            assertThat(response).as(method + " " + path).startsWith("HTTP/1.1 404 ").doesNotContainIgnoringCase("jetty")
                    .doesNotContainIgnoringCase("javalin").doesNotContainIgnoringCase("servlet");
        }
    }

    @Test
    void whenTheRequestIsMalformed_thenTheErrorTellsNothingMore() throws Exception {
        String response = agent.raw("GET /<script> HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400 ").doesNotContainIgnoringCase("jetty")
                .doesNotContain("<script>").doesNotContainIgnoringCase("server:");
    }

    @Test
    void whenV1IsAskedWithoutUpgrade_thenItIs404() throws Exception {
        String response = agent.raw("GET /v1 HTTP/1.1\r\nHost: 127.0.0.1:" + agent.port()
                + "\r\nOrigin: " + RunningServer.ORIGIN + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 404 ").endsWith("Not found");
    }
}
