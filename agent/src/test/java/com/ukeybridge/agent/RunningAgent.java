package com.ukeybridge.agent;

import com.ukeybridge.agent.config.AgentConfig;
import com.ukeybridge.agent.prompt.HeadlessPrompts;
import com.ukeybridge.agent.prompt.UserPrompts;
import com.ukeybridge.certs.AgentTlsFiles;
import com.ukeybridge.token.testing.TokenFixture;

import javax.net.ssl.SSLContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A real agent for integration tests: real TLS files, a free port, the registry of a
 * {@link TokenFixture} (SoftHSM2 through the fault-injecting wrapper), a clock the test moves.
 * Clients trust the agent's {@code root.pem} and nothing else.
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
        Path tlsDir = dir.resolve("tls");
        if (!Files.exists(tlsDir.resolve(AgentTlsFiles.ROOT))) {
            AgentTlsFiles.create(tlsDir);
        }
        AgentConfig config = new AgentConfig(0, List.of(ORIGIN), List.of(), tlsDir, dir, AgentConfig.DEFAULT_WARN_DAYS,
                Optional.empty(), Optional.of(confirmWrites));
        MutableClock clock = new MutableClock(Instant.now());
        Agent agent = Agent.start(config, tokens.registry(), prompts, confirmWrites, clock);
        return new RunningAgent(agent, TrustedRoot.trusting(tlsDir.resolve(AgentTlsFiles.ROOT)), clock);
    }

    AgentClient connect() {
        return AgentClient.connect(agent.port(), ORIGIN, tls);
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
