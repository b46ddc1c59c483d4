package com.ukeybridge.agent;

import com.ukeybridge.agent.config.AgentConfig;
import com.ukeybridge.agent.prompt.HeadlessPrompts;
import com.ukeybridge.agent.prompt.UserPrompts;
import com.ukeybridge.certs.AgentTlsFiles;
import com.ukeybridge.skf.SkfLibrary;
import com.ukeybridge.token.TokenRegistry;
import com.ukeybridge.token.testing.TokenFixture;

import javax.net.ssl.SSLContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A real agent for integration tests: real TLS files, a free port, the registry of a
 * {@link TokenFixture} (SoftHSM2 through the fault-injecting wrapper), a clock the test moves.
 * Clients trust the agent's {@code root.pem} and nothing else. Unless a test says otherwise the
 * agent serves protocols 1 and 2 ({@code protocols: [1, 2]}), and {@link #connect()} is a v1 page:
 * the v1 tests show that v1 is unchanged beside v2.
 */
final class RunningAgent implements AutoCloseable {
    static final String ORIGIN = "https://update.example.gov.cn";

    private final Agent agent;
    private final SSLContext tls;
    private final MutableClock clock;

    private RunningAgent(Agent agent, SSLContext tls, MutableClock clock) {
        this.agent = agent;
        this.tls = tls;
        this.clock = clock;
    }

    static RunningAgent start(TokenFixture tokens, Path dir) {
        return start(tokens, dir, new HeadlessPrompts(), false);
    }

    static RunningAgent start(TokenFixture tokens, Path dir, UserPrompts prompts, boolean confirmWrites) {
        return start(tokens, dir, prompts, configured(List.of(ORIGIN), confirmWrites, List.of(1, 2), false, Map.of()));
    }

    /**
     * The test configuration with the given origins and protocol-v2 keys, {@code confirmWrites}
     * as given; for {@link #start(TokenFixture, Path, UserPrompts, UnaryOperator)}.
     */
    static UnaryOperator<AgentConfig> configured(List<String> origins, boolean confirmWrites, List<Integer> protocols,
                                                 boolean pagePin, Map<String, List<X509Certificate>> replaceIssuers) {
        return config -> new AgentConfig(config.ports(), origins, config.pkcs11Modules(), config.tlsDir(), config.dataDir(),
                config.warnDays(), config.updateSiteUrl(), Optional.of(confirmWrites), protocols, pagePin, replaceIssuers,
                config.skfModules());
    }

    /** An agent whose configuration {@code adjust} makes from the default test configuration. */
    static RunningAgent start(TokenFixture tokens, Path dir, UserPrompts prompts, UnaryOperator<AgentConfig> adjust) {
        return start(tokens.registry(), SkfLibrary::load, dir, prompts, adjust);
    }

    /** An agent on a PKCS#11 registry and on the SKF libraries of {@code skfModules}, loaded by {@code skfLoader}. */
    static RunningAgent start(TokenRegistry registry, Function<Path, SkfLibrary> skfLoader, Path dir, UserPrompts prompts,
                              UnaryOperator<AgentConfig> adjust) {
        Path tlsDir = dir.resolve("tls");
        if (!Files.exists(tlsDir.resolve(AgentTlsFiles.ROOT))) {
            AgentTlsFiles.create(tlsDir);
        }
        AgentConfig config = adjust.apply(new AgentConfig(0, List.of(ORIGIN), List.of(), tlsDir, dir, AgentConfig.DEFAULT_WARN_DAYS,
                Optional.empty(), Optional.empty(), List.of(1, 2), false, Map.of()));
        boolean confirmWrites = config.confirmWrites(!prompts.canAsk());
        MutableClock clock = new MutableClock(Instant.now());
        Agent agent = Agent.start(config, registry, skfLoader, prompts, confirmWrites, clock);
        return new RunningAgent(agent, TrustedRoot.trusting(tlsDir.resolve(AgentTlsFiles.ROOT)), clock);
    }

    /** A protocol-v1 page of {@link #ORIGIN}. */
    AgentClient connect() {
        return connect(1);
    }

    /** A page of {@link #ORIGIN} speaking protocol {@code version}. */
    AgentClient connect(int version) {
        return connect(version, ORIGIN);
    }

    AgentClient connect(int version, String origin) {
        return AgentClient.connect(agent.port(), origin, tls, version);
    }

    /** The TLS context of a page that trusts this agent's root. */
    SSLContext tls() {
        return tls;
    }

    MutableClock clock() {
        return clock;
    }

    Agent agent() {
        return agent;
    }

    @Override
    public void close() {
        agent.close();
    }
}
