package com.ukeybridge.agent.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.rpc.RpcHandler;
import com.ukeybridge.agent.rpc.RpcResponses;
import com.ukeybridge.certs.AgentTlsFiles;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's endpoint for pages (docs/protocol.md, "Transport"): HTTPS and secure WebSocket on
 * 127.0.0.1 and [::1] only, {@code GET /health}, the JSON-RPC connection at {@code /vN} for each
 * protocol version the settings serve (docs/protocol.md), 404 for everything else (also for
 * {@code /v1} when version 1 is not served).
 *
 * <pre>{@code
 * var settings = new AgentServerSettings(28443, List.of("https://update.example"), tlsDir, "1.0.0", List.of(2));
 * try (AgentServer server = new AgentServer(settings, handler)) {
 *     server.start();
 *     ... server.port() ...
 * }
 * }</pre>
 *
 * A server starts once; {@link #stop()} closes every connection (each gets its
 * {@link RpcHandler#connectionClosed}) and the worker threads.
 */
public final class AgentServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentServer.class);

    /** docs/protocol.md, "Limits": a message over this many bytes closes the connection with 1009. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** docs/protocol.md, "Limits": open connections of one origin. */
    public static final int MAX_CONNECTIONS_PER_ORIGIN = 8;
    /** docs/protocol.md, "Limits": open connections in all. */
    public static final int MAX_CONNECTIONS = 32;

    /** How long a stopping agent waits for its goodbye (1001) to reach the pages. */
    private static final Duration GOODBYE_WAIT = Duration.ofSeconds(1);

    private final AgentServerSettings settings;
    private final RpcHandler handler;
    private final AtomicLong connectionCount = new AtomicLong();

    private Javalin app;
    private final OpenConnections openConnections = new OpenConnections();
    private final ConnectionLimits limits = new ConnectionLimits();
    private RpcWorkers workers;
    private int port;
    private boolean started;

    /** The TLS key and certificate are read from {@code settings.tlsDir()} at {@link #start()}. */
    public AgentServer(AgentServerSettings settings, RpcHandler handler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Binds the loopback addresses and starts serving.
     *
     * @throws IOException when the port is taken (on either address)
     * @throws IllegalStateException when called twice
     */
    public synchronized void start() throws IOException {
        if (started) {
            throw new IllegalStateException("An AgentServer starts once");
        }
        started = true;
        FrameLogGuard.install();
        KeyStore keyStore = AgentTlsFiles.loadServerKeyStore(settings.tlsDir());
        List<ServerSocketChannel> channels = LoopbackSockets.bind(settings.port());
        port = ((InetSocketAddress) channels.get(0).getLocalAddress()).getPort();
        workers = new RpcWorkers(handler, new RpcResponses());
        try {
            app = javalin(keyStore, channels, workers).start();
        } catch (RuntimeException e) {
            LoopbackSockets.closeAll(channels);
            workers.close();
            throw e;
        }
        log.info("Agent listening on port {} ({}), protocol(s) {}, {} allowed origin(s)", port,
                channels.size() == 2 ? "127.0.0.1 and [::1]" : "127.0.0.1", settings.protocols(), settings.allowedOrigins().size());
    }

    /** The port actually bound: the configured one, or the free one picked for port 0. Valid after {@link #start()}. */
    public synchronized int port() {
        if (!started) {
            throw new IllegalStateException("Not started");
        }
        return port;
    }

    /** Closes every connection and stops; does nothing if not running. */
    public synchronized void stop() {
        if (app != null) {
            openConnections.closeAll(StatusCode.SHUTDOWN, "Agent stopping", GOODBYE_WAIT);
            app.stop();
            app = null;
        }
        if (workers != null) {
            workers.close();
            workers = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Javalin javalin(KeyStore keyStore, List<ServerSocketChannel> channels, RpcWorkers workers) {
        UpgradeGate gate = new UpgradeGate(settings.allowedOrigins(), port);
        String health = health(settings.agentVersion(), settings.protocols());
        SslContextFactory.Server tls = tls(keyStore);
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.startup.startupWatcherEnabled = false;
            for (ServerSocketChannel channel : channels) {
                cfg.jetty.addConnector((server, httpConfig) -> connector(server, httpConfig, tls, channel));
            }
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new PlainErrorHandler());
            });
            cfg.jetty.modifyServletContextHandler(context -> {
                context.setErrorHandler(new PlainErrorHandler());
                // An exact mapping wins over Javalin's "/*", so /vN never reaches Javalin's router.
                for (int protocol : settings.protocols()) {
                    RpcWebSocketServlet servlet = new RpcWebSocketServlet(protocol, gate, handler, workers,
                            () -> "c" + connectionCount.incrementAndGet(), openConnections, limits);
                    context.addServlet(new ServletHolder("rpc-v" + protocol, servlet), "/v" + protocol);
                }
            });
            cfg.routes.get("/health", ctx -> ctx.contentType("application/json").result(health));
            cfg.routes.error(404, ctx -> ctx.contentType("text/plain;charset=utf-8").result(PlainStatus.NOT_FOUND));
        });
    }

    private static ServerConnector connector(Server server, HttpConfiguration base, SslContextFactory.Server tls,
                                             ServerSocketChannel channel) {
        HttpConfiguration https = new HttpConfiguration(base);
        https.setSendServerVersion(false);
        https.setSendXPoweredBy(false);
        // Jetty's SNI host check is off: it would answer a foreign Host with 400 before the
        // stricter Host check of UpgradeGate could answer 403 as the protocol says.
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
        try {
            InetSocketAddress address = (InetSocketAddress) channel.getLocalAddress();
            connector.setHost(address.getAddress().getHostAddress());
            connector.setPort(address.getPort());
            connector.open(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return connector;
    }

    private static SslContextFactory.Server tls(KeyStore keyStore) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keyStore);
        tls.setKeyStorePassword("");
        tls.setCertAlias(AgentTlsFiles.KEY_ALIAS);
        tls.setRenegotiationAllowed(false);
        return tls;
    }

    /** docs/protocol.md: {@code protocol} is the highest version served, {@code protocols} all of them. */
    private static String health(String version, List<Integer> protocols) {
        ObjectNode health = JsonNodeFactory.instance.objectNode();
        health.put("status", "ok");
        health.put("version", version);
        health.put("protocol", protocols.get(protocols.size() - 1));
        protocols.forEach(health.putArray("protocols")::add);
        return health.toString();
    }
}
