package com.ukeybridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A page's side of the protocol, for tests: JSON-RPC calls over wss with an Origin, and notifications. */
final class AgentClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** An upper bound for a hung agent only: every call ends with its answer. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final WebSocket socket;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    private final AtomicLong ids = new AtomicLong();

    private AgentClient(WebSocket.Builder builder, URI uri) {
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** A page of protocol {@code version}, at {@code /v<version>}. */
    static AgentClient connect(int port, String origin, SSLContext tls, int version) {
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(TIMEOUT).build();
        return new AgentClient(http.newWebSocketBuilder().header("Origin", origin),
                URI.create("wss://127.0.0.1:" + port + "/v" + version));
    }

    /** Sends a request and waits for its response: the whole JSON-RPC object, result or error. */
    JsonNode call(String method, Map<String, ?> params) {
        return send(method, params).join();
    }

    CompletableFuture<JsonNode> send(String method, Map<String, ?> params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> response = new CompletableFuture<JsonNode>().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        pending.put(id, response);
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", JSON.valueToTree(params));
        sendText(request.toString());
        return response;
    }

    /** The result of a call that must succeed. */
    JsonNode result(String method, Map<String, ?> params) {
        JsonNode response = call(method, params);
        if (!response.has("result")) {
            throw new AssertionError(method + " failed: " + response);
        }
        return response.get("result");
    }

    /** The error of a call that must fail. */
    JsonNode error(String method, Map<String, ?> params) {
        JsonNode response = call(method, params);
        if (!response.has("error")) {
            throw new AssertionError(method + " succeeded, expected an error: " + response);
        }
        return response.get("error");
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    JsonNode nextNotification(Duration timeout) throws InterruptedException {
        JsonNode notification = notifications.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (notification == null) {
            throw new AssertionError("no notification within " + timeout);
        }
        return notification;
    }

    void drainNotifications() {
        notifications.clear();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                dispatch(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(String message) {
            JsonNode json;
            try {
                json = JSON.readTree(message);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (json.has("id") && json.get("id").canConvertToLong()) {
                CompletableFuture<JsonNode> response = pending.remove(json.get("id").asLong());
                if (response != null) {
                    response.complete(json);
                }
            } else {
                notifications.add(json);
            }
        }
    }
}
