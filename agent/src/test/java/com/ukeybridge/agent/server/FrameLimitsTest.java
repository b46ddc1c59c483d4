package com.ukeybridge.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameLimitsTest {
    private static final int LIMIT = 65536;

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
        agent.close();
    }

    @Test
    void whenAMessageIsExactly64KiB_thenItIsAnswered() {
        String message = echoRequestOfBytes(LIMIT, "x");
        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(LIMIT);

        JsonNode answer = page.call(message);

        assertThat(answer.get("id").asInt()).isEqualTo(1);
        assertThat(answer.get("result").get("pad").asText()).startsWith("xxx");
    }

    @Test
    void whenAMessageIs64KiBPlusOneByte_thenTheConnectionClosesWith1009() {
        page.send(echoRequestOfBytes(LIMIT + 1, "x"));

        assertThat(page.closeCode()).isEqualTo(1009);
    }

    @Test
    void whenAMessageIsUnder64KCharactersButOver64KiBInUtf8_thenTheConnectionClosesWith1009() {
        String message = echoRequestOfBytes(LIMIT + 2, "签");
        assertThat(message.length()).isLessThan(LIMIT);

        page.send(message);

        assertThat(page.closeCode()).isEqualTo(1009);
    }

    @Test
    void whenAFragmentedMessageAddsUpToOver64KiB_thenTheConnectionClosesWith1009() {
        String message = echoRequestOfBytes(LIMIT + 1, "x");

        page.socket.sendText(message.substring(0, 40000), false).join();
        page.socket.sendText(message.substring(40000), true).join();

        assertThat(page.closeCode()).isEqualTo(1009);
    }

    @Test
    void whenAMessageComesInFragments_thenItIsAnsweredAsOne() {
        String message = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"echo\",\"params\":{\"a\":\"b\"}}";

        page.socket.sendText(message.substring(0, 20), false).join();
        page.socket.sendText(message.substring(20), true).join();

        assertThat(page.next().toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"a\":\"b\"}}");
    }

    @Test
    void whenABinaryFrameArrives_thenTheConnectionClosesWith1003() {
        page.socket.sendBinary(ByteBuffer.wrap("{\"jsonrpc\":\"2.0\"}".getBytes(StandardCharsets.UTF_8)), true).join();

        assertThat(page.closeCode()).isEqualTo(1003);
    }

    @Test
    void whenALargeBinaryMessageArrives_thenTheConnectionClosesWith1003NotBuffering() {
        page.socket.sendBinary(ByteBuffer.allocate(10), false).join();

        assertThat(page.closeCode()).isEqualTo(1003);
    }

    @Test
    void whenAConnectionIsClosedForSize_thenTheHandlerHearsOfItOnce() throws Exception {
        String id = agent.handler.awaitOpened(0).id();

        page.send(echoRequestOfBytes(LIMIT + 1, "x"));
        page.closeCode();

        assertThat(agent.handler.closedLatch(id).await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.handler.closeCounts.get(id)).hasValue(1);
    }

    @Test
    void whenAPingArrives_thenTheConnectionKeepsAnswering() {
        page.socket.sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3})).join();

        assertThat(page.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}").get("result").isObject()).isTrue();
    }

    /** An echo request of exactly {@code bytes} UTF-8 bytes, padded with {@code pad} (and x to even out). */
    static String echoRequestOfBytes(int bytes, String pad) {
        String head = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"pad\":\"";
        String tail = "\"}}";
        int room = bytes - head.length() - tail.length();
        int padBytes = pad.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder message = new StringBuilder(head);
        message.append(pad.repeat(room / padBytes)).append("x".repeat(room % padBytes)).append(tail);
        return message.toString();
    }
}
