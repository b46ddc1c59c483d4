package com.ukeybridge.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ukeybridge.agent.config.AgentConfig;
import com.ukeybridge.agent.desktop.AgentProbe;
import com.ukeybridge.agent.prompt.HeadlessPrompts;
import com.ukeybridge.certs.AgentTlsFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several users' agents on one machine: each takes the first free port of the list, and knows only its own. */
class AgentPortsTest {
    @TempDir
    Path dir;

    @Test
    void whenTheFirstPortIsTaken_thenTheAgentListensOnTheNext() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int next = freePort();
            try (Agent agent = start(dir.resolve("a"), List.of(taken.getLocalPort(), next))) {
                assertThat(agent.port()).isEqualTo(next);
            }
        }
    }

    @Test
    void whenEveryPortIsTaken_thenTheErrorNamesThemAndCarriesTheBindFailure() throws IOException {
        try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket second = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Integer> ports = List.of(first.getLocalPort(), second.getLocalPort());

            assertThatThrownBy(() -> start(dir.resolve("a"), ports))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(ports.toString())
                    .hasCauseInstanceOf(BindException.class);
        }
    }

    @Test
    void whenAnotherUsersAgentHoldsAPort_thenTheProbeDoesNotCountItAsThisUsersAgent() throws IOException {
        Path alice = dir.resolve("alice");
        Path bob = dir.resolve("bob");
        AgentTlsFiles.create(bob.resolve("tls"));
        try (Agent theirs = start(alice, List.of(0))) {
            assertThat(AgentProbe.agentAnswers(theirs.port(), alice.resolve("tls"))).as("alice's own root").isTrue();
            assertThat(AgentProbe.agentAnswers(theirs.port(), bob.resolve("tls"))).as("bob's root").isFalse();
        }
    }

    private static Agent start(Path dataDir, List<Integer> ports) {
        Path tls = dataDir.resolve("tls");
        if (!tls.resolve(AgentTlsFiles.ROOT).toFile().exists()) {
            AgentTlsFiles.create(tls);
        }
        AgentConfig config = new AgentConfig(ports, List.of(RunningAgent.ORIGIN), List.of(), tls, dataDir,
                AgentConfig.DEFAULT_WARN_DAYS, Optional.empty(), Optional.of(false), List.of(2), false, Map.of(), List.of());
        return Agent.start(config, new HeadlessPrompts(), false, Clock.systemUTC());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
