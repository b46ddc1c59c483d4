package com.ukeybridge.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

class WriteConfigCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = AdminCommand.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void whenPropertiesAreGiven_thenTheAgentsConfigurationSaysThem() throws Exception {
        Path out = dir.resolve("UKey Bridge/config.json");

        int code = run("write-config", "--out", out.toString(), "--tls-dir", "C:\\ProgramData\\UKey Bridge\\tls",
                "--allowed-origins", "https://update.example.gov.cn, http://localhost:8080",
                "--update-site-url", "https://update.example.gov.cn/", "--pkcs11-modules", "C:\\Windows\\System32\\ukey.dll;");

        assertThat(code).isZero();
        JsonNode config = new ObjectMapper().readTree(Files.readString(out));
        assertThat(config.get("allowedOrigins")).extracting(JsonNode::asText)
                .containsExactly("https://update.example.gov.cn", "http://localhost:8080");
        assertThat(config.get("pkcs11Modules")).extracting(JsonNode::asText).containsExactly("C:\\Windows\\System32\\ukey.dll");
        assertThat(config.get("updateSiteUrl").asText()).isEqualTo("https://update.example.gov.cn/");
        assertThat(config.get("tlsDir").asText()).isEqualTo("C:\\ProgramData\\UKey Bridge\\tls");
        assertThat(config.has("port")).isFalse();
    }

    @Test
    void whenNoPropertyIsGiven_thenAnExistingFileIsKept() throws Exception {
        Path out = dir.resolve("config.json");
        Files.writeString(out, "{\"allowedOrigins\": [\"https://kept.example\"]}");

        assertThat(run("write-config", "--out", out.toString(), "--tls-dir", "/var/lib/ukey-bridge/tls")).isZero();

        assertThat(out).hasContent("{\"allowedOrigins\": [\"https://kept.example\"]}");
    }

    @Test
    void whenAnOriginIsMalformed_thenNothingIsWrittenAndTheMessageNamesIt() throws Exception {
        Path out = dir.resolve("config.json");
        Files.writeString(out, "{}");

        int code = run("write-config", "--out", out.toString(), "--tls-dir", "/t", "--allowed-origins", "https://Update.example/");

        assertThat(code).isEqualTo(AdminCommand.BAD_CONFIG);
        assertThat(err.toString()).contains("'allowedOrigins' entry 'https://Update.example/'");
        assertThat(out).hasContent("{}");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }
}
