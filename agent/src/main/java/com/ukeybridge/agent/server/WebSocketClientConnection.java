package com.ukeybridge.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.RpcResponses;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A page's open WebSocket, as the method side sees it; every send goes through here, one at a time. */
final class WebSocketClientConnection implements ClientConnection {
    private static final Logger log = LoggerFactory.getLogger(WebSocketClientConnection.class);

    private final String id;
    private final String origin;
    private final int protocol;
    private final Session session;
    private final RpcResponses responses;

    WebSocketClientConnection(String id, String origin, int protocol, Session session, RpcResponses responses) {
        this.id = id;
        this.origin = origin;
        this.protocol = protocol;
        this.session = session;
        this.responses = responses;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void notify(String method, JsonNode params) {
        send(responses.notification(method, params), () -> {
        });
    }

    /**
     * Queues one text frame. {@code whenDone} runs exactly once: when the frame is written, when
     * writing failed, or at once if the connection is already closed.
     */
    void send(String text, Runnable whenDone) {
        boolean queued = false;
        try {
            // Jetty queues frames thread-safely, but the contract with pages is whole messages
            // in one piece, so sends are serialized here rather than trusting that detail.
            synchronized (this) {
                if (session.isOpen()) {
                    session.sendText(text, Callback.from(whenDone, failure -> {
                        log.debug("Connection {}: a message was not delivered: {}", id, failure.toString());
                        whenDone.run();
                    }));
                    queued = true;
                }
            }
        } catch (RuntimeException e) {
            log.debug("Connection {}: a message was not sent: {}", id, e.toString());
        }
        if (!queued) {
            whenDone.run();
        }
    }

    /** Starts the closing handshake; completes when the close frame is written (or could not be). */
    CompletableFuture<Void> close(int code, String reason) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            session.close(code, reason, Callback.from(() -> written.complete(null), written::completeExceptionally));
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    @Override
    public String toString() {
        return "ClientConnection[" + id + ", " + origin + ", v" + protocol + "]";
    }
}
