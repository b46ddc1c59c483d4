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
 * {@code /v1}: the WebSocket, and nothing else. The upgrade is decided by {@link UpgradeGate}
 * inside Jetty's creator, so a refused request gets its 403 before any WebSocket exists;
 * plain HTTP here is 404 like every other path.
 */
final class RpcWebSocketServlet extends JettyWebSocketServlet {
    private static final Logger log = LoggerFactory.getLogger(RpcWebSocketServlet.class);

    /** protocol.md: a message over 64 KiB closes the connection with 1009. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final transient UpgradeGate gate;
    private final transient RpcHandler handler;
    private final transient RpcWorkers workers;
    private final transient Supplier<String> connectionIds;
    private final transient RpcMessageReader reader = new RpcMessageReader();
    private final transient RpcResponses responses = new RpcResponses();

    RpcWebSocketServlet(UpgradeGate gate, RpcHandler handler, RpcWorkers workers, Supplier<String> connectionIds) {
        this.gate = gate;
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
        // Pages keep their connection open for as long as they are shown; a dead peer on
        // loopback is noticed by the OS. The 10-minute idle logout is the method side's job.
        factory.setIdleTimeout(Duration.ZERO);
        factory.setCreator(this::admit);
    }

    private Object admit(JettyServerUpgradeRequest request, JettyServerUpgradeResponse response) throws IOException {
        HttpServletRequest http = request.getHttpServletRequest();
        List<String> origins = Collections.list(http.getHeaders("Origin"));
        Optional<String> refusal = gate.refusal(origins, Collections.list(http.getHeaders("Host")));
        if (refusal.isPresent()) {
            log.info("Refused a WebSocket upgrade from {}: {}", http.getRemoteAddr(), refusal.get());
            response.sendForbidden("Forbidden");
            return null;
        }
        // No extensions: messages stay as sent, so the 64 KiB limit means what it says.
        response.setExtensions(List.of());
        return new RpcEndpoint(connectionIds.get(), origins.get(0), handler, workers, reader, responses);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!"GET".equals(request.getMethod())) {
            NotFound.write(response);
            return;
        }
        // Upgrades here; a GET that is no valid upgrade falls through to doGet.
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        NotFound.write(response);
    }
}
