package com.ukeybridge.agent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AgentCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = AgentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void whenConfigHasAnUnknownKey_thenRunStopsNamingIt(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"allowedOrigins\": [\"https://site.example\"], \"prot\": 28443}");

        assertThat(run("run", "--headless", "--config", config.toString())).isEqualTo(RunCommand.CONFIG_ERROR);
        assertThat(err.toString()).contains("unknown configuration key 'prot'").contains(config.toString());
    }

    @Test
    void whenConfigIsMissing_thenRunStopsNamingTheFile(@TempDir Path dir) {
        Path config = dir.resolve("absent.json");

        assertThat(run("run", "--headless", "--config", config.toString())).isEqualTo(RunCommand.CONFIG_ERROR);
        assertThat(err.toString()).contains(config.toString());
    }

    @Test
    void whenHeadlessButConfirmWritesIsTrue_thenRunRefusesToStart(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"confirmWrites\": true}");

        assertThat(run("run", "--headless", "--config", config.toString())).isEqualTo(RunCommand.CONFIG_ERROR);
        assertThat(err.toString()).contains("'confirmWrites'");
    }

    @Test
    void whenTrustOwnRootIsGiven_thenThisUsersIdentityIsMadeAndTrustedInTheirOwnDatabaseBeforeServing(@TempDir Path dir)
            throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path config = dir.resolve("config.json");
        String previousHome = System.getProperty("user.home");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // The one port is taken, so that the agent stops once the trust step is done.
            Files.writeString(config, "{\"ports\": [" + taken.getLocalPort() + "], \"dataDir\": \"data\"}");
            System.setProperty("user.home", home.toString());

            assertThat(run("run", "--headless", "--trust-own-root", "--config", config.toString())).isEqualTo(RunCommand.START_ERROR);
        } finally {
            System.setProperty("user.home", previousHome);
        }

        assertThat(dir.resolve("data/tls/agent-key.pem")).exists();
        assertThat(out.toString()).contains("installed").contains("Chrome/Chromium NSS database " + home.resolve(".local/share/pki/nssdb"));
        assertThat(home.resolve(".local/share/pki/nssdb/cert9.db")).exists();
    }

    @Test
    void whenConfigOptionIsMissing_thenUsageIsShown() {
        assertThat(run("run", "--headless")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--config");
    }

    @Test
    void whenCertsCreateRuns_thenTheRootAndTheAgentFilesAreWritten(@TempDir Path dir) {
        assertThat(run("certs", "create", "--dir", dir.resolve("tls").toString())).isZero();
        assertThat(dir.resolve("tls/root.pem")).exists();
        assertThat(dir.resolve("tls/agent-cert.pem")).exists();
        assertThat(dir.resolve("tls/agent-key.pem")).exists();
    }
}
