package com.ukeybridge.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A page's connection to the agent, as a browser makes it: wss with the {@code Origin} header.
 * One request in flight at a time; {@link #roundTrip} measures from just before the frame is
 * sent to the moment the whole answer has arrived (parsing the answer is not timed).
 */
final class RpcConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final Listener listener;
    private long nextId = 1;

    private RpcConnection(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    static RpcConnection open(HttpClient http, int port, String origin) {
        Listener listener = new Listener();
        WebSocket socket = http.newWebSocketBuilder().header("Origin", origin)
                .buildAsync(URI.create("wss://127.0.0.1:" + port + "/v1"), listener)
                .orTimeout(10, TimeUnit.SECONDS).join();
        return new RpcConnection(socket, listener);
    }

    /** Sends the request and returns the round-trip time in nanoseconds; the answer must be a result. */
    long roundTrip(String method, ObjectNode params) throws Exception {
        String request = request(method, params);
        CompletableFuture<String> answer = new CompletableFuture<>();
        listener.pending = answer;
        long start = System.nanoTime();
        CompletableFuture<WebSocket> sent = socket.sendText(request, true);
        String text = answer.get(30, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        sent.get(10, TimeUnit.SECONDS); // done by now; the next send must not overlap this one
        check(method, text);
        return elapsed;
    }

    /** Calls {@code method} and returns its {@code result}, failing on an error. */
    JsonNode call(String method, ObjectNode params) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        listener.pending = answer;
        socket.sendText(request(method, params), true).get(10, TimeUnit.SECONDS);
        return check(method, answer.get(30, TimeUnit.SECONDS)).get("result");
    }

    private String request(String method, ObjectNode params) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", nextId++).put("method", method);
        request.set("params", params == null ? JSON.createObjectNode() : params);
        return JSON.writeValueAsString(request);
    }

    private static JsonNode check(String method, String text) throws IOException {
        JsonNode answer = JSON.readTree(text);
        if (!answer.has("result")) {
            throw new IllegalStateException(method + " failed: " + text);
        }
        return answer;
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }

    private static final class Listener implements WebSocket.Listener {
        volatile CompletableFuture<String> pending;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                // Notifications (tokensChanged) have no id; a request's answer does.
                if (!message.contains("\"method\"")) {
                    CompletableFuture<String> waiting = pending;
                    if (waiting != null) {
                        waiting.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            CompletableFuture<String> waiting = pending;
            if (waiting != null) {
                waiting.completeExceptionally(error);
            }
        }
    }
}
