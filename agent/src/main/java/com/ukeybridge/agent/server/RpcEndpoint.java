package com.ukeybridge.agent.server;

import com.ukeybridge.agent.rpc.MalformedMessageException;
import com.ukeybridge.agent.rpc.RpcHandler;
import com.ukeybridge.agent.rpc.RpcMessageReader;
import com.ukeybridge.agent.rpc.RpcRequest;
import com.ukeybridge.agent.rpc.RpcResponses;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page's WebSocket: each text message is one request, read here and run by {@link RpcWorkers}.
 *
 * <p>At most {@link #MAX_IN_FLIGHT} messages of a connection are open at a time, counted from
 * arrival until their answer is written. At the cap the agent stops reading that connection
 * (it no longer demands frames, so TCP pushes back on the page) and resumes as answers go out;
 * nothing is refused or lost, and a page that never reads its answers cannot make the agent
 * queue without bound.
 *
 * <p>{@link RpcHandler#connectionClosed} is called once, after the socket has closed and every
 * call of the connection has returned, so a login that a call was making cannot outlive it.
 *
 * <p>Public only because Jetty calls the listener methods through method handles; made by
 * {@link RpcWebSocketServlet} alone.
 */
public final class RpcEndpoint implements Session.Listener {
    private static final Logger log = LoggerFactory.getLogger(RpcEndpoint.class);

    static final int MAX_IN_FLIGHT = 32;

    private final String id;
    private final String origin;
    private final int protocol;
    private final RpcHandler handler;
    private final RpcWorkers workers;
    private final RpcMessageReader reader;
    private final RpcResponses responses;
    private final OpenConnections openConnections;
    private final ConnectionLimits.Slot slot;

    private final Object lock = new Object();
    private volatile Session session;
    private volatile WebSocketClientConnection connection;
    private int inFlight;            // guarded by lock
    private boolean readingPaused;   // guarded by lock
    private boolean closed;          // guarded by lock
    private boolean closeReported;   // guarded by lock

    RpcEndpoint(String id, String origin, int protocol, RpcHandler handler, RpcWorkers workers,
                RpcMessageReader reader, RpcResponses responses, OpenConnections openConnections, ConnectionLimits.Slot slot) {
        this.id = id;
        this.origin = origin;
        this.protocol = protocol;
        this.handler = handler;
        this.workers = workers;
        this.reader = reader;
        this.responses = responses;
        this.openConnections = openConnections;
        this.slot = slot;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        WebSocketClientConnection opened = new WebSocketClientConnection(id, origin, protocol, session, responses);
        this.session = session;
        this.connection = opened;
        openConnections.add(opened);
        log.info("Connection {} opened on /v{}, origin {}", id, protocol, origin);
        try {
            handler.connectionOpened(opened);
        } catch (RuntimeException e) {
            log.error("Connection {}: the agent could not take it on", id, e);
            opened.close(StatusCode.SERVER_ERROR, "Internal error");
            session.demand(); // read on to the peer's close frame
            return;
        }
        session.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        if (!session.isOpen()) {
            session.demand(); // closing: let Jetty read on to the peer's close frame, answer nothing
            return;
        }
        synchronized (lock) {
            inFlight++;
        }
        boolean handedOver = false;
        try {
            RpcRequest request = reader.read(text);
            handedOver = true;
            workers.submit(connection, request, this::answered);
        } catch (MalformedMessageException e) {
            log.debug("Connection {}: message refused: {}", id, e.error().error().reason());
            handedOver = true;
            connection.send(responses.error(e.id(), e.error()), this::answered);
        } finally {
            if (!handedOver) {
                answered(); // a bug above: keep the count right so the close is still reported
            }
        }
        demandUnlessFull();
    }

    /** A binary frame ends the connection at its first fragment, before any of it is buffered. */
    @Override
    public void onWebSocketPartialBinary(ByteBuffer payload, boolean fin, Callback callback) {
        callback.succeed();
        log.info("Connection {}: binary frame, closing", id);
        connection.close(StatusCode.BAD_DATA, "Binary messages are not supported");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        log.info("Connection {} closed ({}), origin {}", id, statusCode, origin);
        markClosed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // Jetty closes the session itself (1009 for a message that is too large, 1007 for bad UTF-8...).
        log.debug("Connection {}: {}", id, cause.toString());
        Session current = session;
        if (current == null || !current.isOpen()) {
            markClosed();
        }
    }

    private void demandUnlessFull() {
        Session toDemand = null;
        synchronized (lock) {
            if (inFlight < MAX_IN_FLIGHT) {
                toDemand = session;
            } else {
                readingPaused = true;
            }
        }
        if (toDemand != null) {
            toDemand.demand();
        }
    }

    private void answered() {
        Session toDemand = null;
        boolean reportClose = false;
        synchronized (lock) {
            inFlight--;
            if (readingPaused && inFlight < MAX_IN_FLIGHT && !closed) {
                readingPaused = false;
                toDemand = session;
            }
            if (closed && inFlight == 0 && !closeReported) {
                closeReported = true;
                reportClose = true;
            }
        }
        if (toDemand != null) {
            toDemand.demand();
        }
        if (reportClose) {
            reportClosed();
        }
    }

    private void markClosed() {
        slot.release();
        WebSocketClientConnection closing = connection;
        if (closing != null) {
            openConnections.remove(closing);
        }
        boolean reportClose = false;
        synchronized (lock) {
            closed = true;
            if (inFlight == 0 && !closeReported) {
                closeReported = true;
                reportClose = true;
            }
        }
        if (reportClose) {
            reportClosed();
        }
    }

    private void reportClosed() {
        WebSocketClientConnection closing = connection;
        if (closing == null) {
            return; // never opened: the handler never heard of it
        }
        try {
            handler.connectionClosed(closing);
        } catch (RuntimeException e) {
            log.error("Connection {}: cleaning up after it failed", id, e);
        }
    }
}
