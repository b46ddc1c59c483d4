package com.ukeybridge.agent.server;

import com.ukeybridge.agent.rpc.RpcHandler;
import com.ukeybridge.agent.rpc.RpcMessageReader;
import com.ukeybridge.agent.rpc.RpcResponses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /vN}, one servlet per protocol version served: the WebSocket, and nothing else. Every upgrade attempt passes {@link UpgradeGate}
 * before Jetty even reads the handshake, so a refused request gets its 403 before any
 * WebSocket exists; plain HTTP here is 404 like every other path.
 */
final class RpcWebSocketServlet extends JettyWebSocketServlet {
    private static final Logger log = LoggerFactory.getLogger(RpcWebSocketServlet.class);

    /** docs/protocol.md: a message over 64 KiB closes the connection with 1009. */
    static final int MAX_MESSAGE_BYTES = AgentServer.MAX_MESSAGE_BYTES;
    static final Duration IDLE_TIMEOUT = Duration.ofHours(1);
    /** The request attribute that hands the connection's place from the limit check to the endpoint. */
    private static final String SLOT = "com.ukeybridge.agent.connectionSlot";

    private final int protocol;
    private final transient UpgradeGate gate;
    private final transient RpcHandler handler;
    private final transient RpcWorkers workers;
    private final transient Supplier<String> connectionIds;
    private final transient OpenConnections openConnections;
    private final transient ConnectionLimits limits;
    private final transient RpcMessageReader reader = new RpcMessageReader();
    private final transient RpcResponses responses = new RpcResponses();

    /** @param openConnections and {@code limits}: shared by the servlets of every version, so that limits count them all */
    RpcWebSocketServlet(int protocol, UpgradeGate gate, RpcHandler handler, RpcWorkers workers,
                        Supplier<String> connectionIds, OpenConnections openConnections, ConnectionLimits limits) {
        this.protocol = protocol;
        this.limits = limits;
        this.gate = gate;
        this.openConnections = openConnections;
        this.handler = handler;
        this.workers = workers;
        this.connectionIds = connectionIds;
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        // Jetty counts these as it reads, so an oversized message is refused (1009) without
        // ever being held whole; a single frame may carry the whole 64 KiB.
        factory.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        factory.setMaxFrameSize(MAX_MESSAGE_BYTES);
        factory.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
        // Answers of one connection are capped by RpcEndpoint.MAX_IN_FLIGHT; the rest is room
        // for notifications. A page that stops reading loses notifications, not the agent's memory.
        factory.setMaxOutgoingFrames(RpcEndpoint.MAX_IN_FLIGHT * 2);
        // Pages keep their connection open for as long as they are shown, so only an hour of
        // silence ends it (a page reconnects as it must after an agent restart anyway); the
        // 10-minute idle logout is the method side's job, not a disconnect.
        factory.setIdleTimeout(IDLE_TIMEOUT);
        factory.setCreator(this::admit);
    }

    /**
     * Jetty's creator: the last point before a WebSocket exists. {@link #service} has already
     * refused what it could; checking again here keeps the rule next to the upgrade itself.
     */
    private Object admit(JettyServerUpgradeRequest request, JettyServerUpgradeResponse response) throws IOException {
        HttpServletRequest http = request.getHttpServletRequest();
        Optional<String> refusal = refusal(http);
        if (refusal.isPresent()) {
            response.sendForbidden("Forbidden");
            return null;
        }
        ConnectionLimits.Slot slot = (ConnectionLimits.Slot) http.getAttribute(SLOT);
        if (slot == null) {
            response.sendForbidden("Forbidden");
            return null;
        }
        http.removeAttribute(SLOT); // the endpoint owns it now, and releases it when the connection closes
        // No extensions: messages stay as sent, so the 64 KiB limit means what it says.
        response.setExtensions(List.of());
        return new RpcEndpoint(connectionIds.get(), http.getHeader("Origin"), protocol, handler, workers, reader, responses,
                openConnections, slot);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!"GET".equals(request.getMethod())) {
            PlainStatus.notFound(response);
            return;
        }
        // Any attempt at an upgrade, even one Jetty would find malformed, meets the gate first:
        // a foreign page always sees 403, never a hint about what else is wrong.
        if (isUpgradeAttempt(request)) {
            if (refusal(request).isPresent()) {
                PlainStatus.forbidden(response);
                return;
            }
            Optional<ConnectionLimits.Slot> slot = limits.reserve(request.getHeader("Origin"));
            if (slot.isEmpty()) {
                log.info("Refused a WebSocket upgrade from {}: too many connections", LogText.of(request.getHeader("Origin")));
                PlainStatus.tooManyConnections(response);
                return;
            }
            request.setAttribute(SLOT, slot.get());
            try {
                // Upgrades here; a GET that is no valid upgrade falls through to doGet.
                super.service(request, response);
            } finally {
                // Still here: no endpoint took it (the upgrade failed), so the place is free again.
                if (request.getAttribute(SLOT) != null) {
                    slot.get().release();
                }
            }
            return;
        }
        PlainStatus.notFound(response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PlainStatus.notFound(response);
    }

    private Optional<String> refusal(HttpServletRequest request) {
        Optional<String> refusal = gate.refusal(Collections.list(request.getHeaders("Origin")),
                Collections.list(request.getHeaders("Host")));
        refusal.ifPresent(reason -> log.info("Refused a WebSocket upgrade from {}: {}", request.getRemoteAddr(), reason));
        return refusal;
    }

    private static boolean isUpgradeAttempt(HttpServletRequest request) {
        return request.getHeader("Upgrade") != null || request.getHeader("Sec-WebSocket-Key") != null
                || request.getHeader("Sec-WebSocket-Version") != null;
    }
}
