package com.ukeybridge.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class AdminCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = AdminCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void whenConfigurationFitsTheMachine_thenCheckConfigPassesWithoutWarning() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"allowedOrigins": ["https://update.example.gov.cn"],
                 "updateSiteUrl": "https://update.example.gov.cn/renew"}
                """);

        assertThat(run("check-config", "--config", config.toString())).isZero();
        assertThat(out.toString()).doesNotContain("warning");
    }

    @Test
    void whenConfigurationSharesOneTlsDirAndMissesOrigins_thenCheckConfigWarns() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"updateSiteUrl\": \"https://update.example.gov.cn/\", \"tlsDir\": \"/var/lib/ukey-bridge/tls\"}");

        assertThat(run("check-config", "--config", config.toString())).isZero();
        assertThat(out.toString())
                .contains("'allowedOrigins' is empty")
                .contains("'tlsDir' is /var/lib/ukey-bridge/tls for every user")
                .contains("https://update.example.gov.cn is not in 'allowedOrigins'");
    }

    @Test
    void whenConfigurationHasAnUnknownKey_thenCheckConfigRefusesNamingIt() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"alowedOrigins\": []}");

        assertThat(run("check-config", "--config", config.toString())).isEqualTo(AdminCommand.BAD_CONFIG);
        assertThat(err.toString()).contains("unknown configuration key 'alowedOrigins'");
    }

    @Test
    void whenPoliciesAreInstalledAndUninstalled_thenTheRecordDrivesTheRemoval() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"allowedOrigins\": [\"https://update.example.gov.cn\"]}");
        Path root = Files.createDirectories(dir.resolve("root"));
        Path record = dir.resolve("record.json");

        assertThat(run("policies-install", "--config", config.toString(), "--root", root.toString(),
                "--record", record.toString())).isZero();
        assertThat(root.resolve("etc/opt/edge/policies/managed/ukey-bridge.json")).exists();
        assertThat(record).exists();

        assertThat(run("policies-uninstall", "--root", root.toString(), "--record", record.toString())).isZero();
        assertThat(root.resolve("etc")).doesNotExist();
    }
}
