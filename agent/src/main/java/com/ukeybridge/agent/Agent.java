package com.ukeybridge.agent;

import com.ukeybridge.agent.config.AgentConfig;
import com.ukeybridge.agent.login.LoginLedger;
import com.ukeybridge.agent.methods.AgentMethods;
import com.ukeybridge.agent.methods.MethodSettings;
import com.ukeybridge.agent.prompt.UserPrompts;
import com.ukeybridge.agent.server.AgentServer;
import com.ukeybridge.agent.server.AgentServerSettings;
import com.ukeybridge.token.ModuleStatus;
import com.ukeybridge.agent.skf.SkfTokens;
import com.ukeybridge.agent.tokens.TokenDirectory;
import com.ukeybridge.skf.SkfLibrary;
import com.ukeybridge.token.KeyToken;
import com.ukeybridge.token.TokenListener;
import com.ukeybridge.token.TokenRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The running agent: tokens, methods and the wss server, started together and closed together. */
public final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IDLE_SWEEP = Duration.ofSeconds(15);

    private final TokenDirectory registry;
    private final AgentServer server;
    private final AgentMethods methods;
    private final ScheduledExecutorService idleSweep;
    private final int newestProtocol;

    private Agent(TokenDirectory registry, AgentServer server, AgentMethods methods, ScheduledExecutorService idleSweep,
                  int newestProtocol) {
        this.newestProtocol = newestProtocol;
        this.registry = registry;
        this.server = server;
        this.methods = methods;
        this.idleSweep = idleSweep;
    }

    /**
     * Starts the agent on the configured PKCS#11 modules. On the first free port of {@code config.ports()}; 0 picks any free port (tests).
     *
     * @param confirmWrites whether {@code signCsr} and {@code writeCert} ask the user first
     */
    public static Agent start(AgentConfig config, UserPrompts prompts, boolean confirmWrites, Clock clock) {
        TokenRegistry registry = TokenRegistry.open(config.pkcs11Modules(), POLL_INTERVAL, BUSY_TIMEOUT);
        for (ModuleStatus module : registry.modules()) {
            if (module.loaded()) {
                log.info("PKCS#11 module {} loaded: {}", module.library(), module.description());
            } else {
                log.error("PKCS#11 module {} did not load: {}", module.library(), module.error().orElse("unknown error"));
            }
        }
        return start(config, registry, prompts, confirmWrites, clock);
    }

    /** Starts the agent on a registry made by the caller, which the agent then owns and closes. */
    static Agent start(AgentConfig config, TokenRegistry registry, UserPrompts prompts, boolean confirmWrites, Clock clock) {
        return start(config, registry, SkfLibrary::load, prompts, confirmWrites, clock);
    }

    /** As above, with the SKF libraries of {@code skfModules} loaded by {@code skfLoader}: where tests inject faults. */
    static Agent start(AgentConfig config, TokenRegistry pkcs11, Function<Path, SkfLibrary> skfLoader, UserPrompts prompts,
                       boolean confirmWrites, Clock clock) {
        SkfTokens skf;
        try {
            skf = SkfTokens.open(config.skfModules(), POLL_INTERVAL, BUSY_TIMEOUT, skfLoader);
        } catch (RuntimeException e) {
            pkcs11.close();
            throw e;
        }
        for (ModuleStatus module : skf.modules()) {
            if (!module.loaded()) {
                log.error("SKF library {} did not load: {}", module.library(), module.error().orElse("unknown error"));
            }
        }
        TokenDirectory registry = new TokenDirectory(pkcs11, skf);
        AgentMethods methods = new AgentMethods(AgentVersion.current(), registry, new LoginLedger(clock), prompts, clock,
                new MethodSettings(confirmWrites, config.warnDays(), config.pagePin(), config.replaceIssuers(), config.dataDir()));
        registry.addListener(methods);
        AgentServer server;
        try {
            server = startServer(config, methods);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        registry.start();
        ScheduledExecutorService idleSweep = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "idle-logins");
            thread.setDaemon(true);
            return thread;
        });
        idleSweep.scheduleWithFixedDelay(methods::expireIdleLogins,
                IDLE_SWEEP.toSeconds(), IDLE_SWEEP.toSeconds(), TimeUnit.SECONDS);
        log.info("agent {} listening on port {}, protocol(s) {}, for {}", AgentVersion.current(), server.port(),
                config.protocols(), config.allowedOrigins());
        return new Agent(registry, server, methods, idleSweep, config.protocols().get(config.protocols().size() - 1));
    }

    /**
     * Listens on the first free port of {@code config.ports()}: another user's agent (or any other
     * program) on an earlier one is skipped, and the page, which tries them in the same order, finds
     * this agent by its certificate, which only this user's browsers trust.
     */
    private static AgentServer startServer(AgentConfig config, AgentMethods methods) {
        IOException last = null;
        for (int port : config.ports()) {
            AgentServer server = new AgentServer(
                    new AgentServerSettings(port, config.allowedOrigins(), config.tlsDir(), AgentVersion.current(),
                            config.protocols()), methods);
            try {
                server.start();
                return server;
            } catch (BindException e) {
                log.info("port {} is taken, trying the next one of {}", port, config.ports());
                last = e;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + port + ": " + e.getMessage(), e);
            }
        }
        throw new UncheckedIOException("cannot listen on any of the ports " + config.ports() + ": " + last.getMessage(), last);
    }

    public int port() {
        return server.port();
    }

    /** The highest protocol version served, at {@code /vN}: the one to announce. */
    public int newestProtocol() {
        return newestProtocol;
    }

    /** Present tokens, read-only, for the tray. */
    public List<KeyToken> tokens() {
        return registry.tokens();
    }

    /** Each configured PKCS#11 module and SKF library, loaded or not, for the tray's diagnostics. */
    public List<ModuleStatus> modules() {
        return registry.modules();
    }

    /** {@code listener} hears of insertions, removals and certificate changes (on the poller's thread). */
    public void addTokenListener(TokenListener listener) {
        registry.addListener(listener);
    }

    /** What the idle sweep does every few seconds; tests call it after moving their clock. */
    void expireIdleLogins() {
        methods.expireIdleLogins();
    }

    @Override
    public void close() {
        idleSweep.shutdownNow();
        server.close();
        registry.close();
        log.info("agent stopped");
    }
}
