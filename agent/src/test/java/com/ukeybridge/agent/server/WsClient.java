package com.ukeybridge.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A page's WebSocket, from java.net.http: what it sends and everything it received. */
final class WsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final WebSocket socket;
    private final Listener listener;

    private WsClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    static WsClient connect(HttpClient http, URI uri, String origin) {
        Listener listener = new Listener();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        WebSocket socket = builder.buildAsync(uri, listener).orTimeout(10, TimeUnit.SECONDS).join();
        return new WsClient(socket, listener);
    }

    /** Tries to connect; the failure's cause (a WebSocketHandshakeException for a refusal) or null. */
    static Throwable refusal(HttpClient http, URI uri, String origin) {
        try {
            connect(http, uri, origin).close();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    WsClient send(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    /** The next message received, parsed; fails after 10 s. */
    JsonNode next() {
        try {
            String text = listener.messages.poll(10, TimeUnit.SECONDS);
            if (text == null) {
                throw new AssertionError("No message within 10 s");
            }
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    JsonNode call(String text) {
        return send(text).next();
    }

    /** Whether a message arrives within {@code millis}: for the few places that prove silence. */
    String poll(long millis) throws InterruptedException {
        return listener.messages.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The close code the server sent; fails after 10 s. */
    int closeCode() {
        return listener.closed.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private static final class Listener implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            messages.add("<binary>");
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
