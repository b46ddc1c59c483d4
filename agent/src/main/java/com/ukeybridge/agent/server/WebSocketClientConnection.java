package com.ukeybridge.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
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
    private final Session session;
    private final RpcResponses responses;

    WebSocketClientConnection(String id, String origin, Session session, RpcResponses responses) {
        this.id = id;
        this.origin = origin;
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

    void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    @Override
    public String toString() {
        return "ClientConnection[" + id + ", " + origin + "]";
    }
}
