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

        int code = run("write-config", "--out", out.toString(), "--allowed-origins", "https://update.example.gov.cn, http://localhost:8080",
                "--update-site-url", "https://update.example.gov.cn/", "--pkcs11-modules", "C:\\Windows\\System32\\ukey.dll;");

        assertThat(code).isZero();
        JsonNode config = new ObjectMapper().readTree(Files.readString(out));
        assertThat(config.get("allowedOrigins")).extracting(JsonNode::asText)
                .containsExactly("https://update.example.gov.cn", "http://localhost:8080");
        assertThat(config.get("pkcs11Modules")).extracting(JsonNode::asText).containsExactly("C:\\Windows\\System32\\ukey.dll");
        assertThat(config.get("updateSiteUrl").asText()).isEqualTo("https://update.example.gov.cn/");
        assertThat(config.has("tlsDir")).as("each user's agent keeps its own TLS identity").isFalse();
        assertThat(config.has("ports")).isFalse();
    }

    @Test
    void whenPortsAreGiven_thenTheAgentTriesThemInThatOrder() throws Exception {
        Path out = dir.resolve("config.json");

        assertThat(run("write-config", "--out", out.toString(), "--ports", "28500, 28501")).isZero();

        assertThat(new ObjectMapper().readTree(Files.readString(out)).get("ports")).extracting(JsonNode::asInt)
                .containsExactly(28500, 28501);
    }

    @Test
    void whenAPortIsNotANumber_thenNothingIsWrittenAndTheMessageNamesTheKey() throws Exception {
        Path out = dir.resolve("config.json");

        assertThat(run("write-config", "--out", out.toString(), "--ports", "28500,x")).isEqualTo(AdminCommand.BAD_CONFIG);

        assertThat(err.toString()).contains("'ports'");
        assertThat(out).doesNotExist();
    }

    @Test
    void whenTheConfigurationNamesTheSharedTlsDirOfOldVersions_thenDropTlsDirTakesOnlyThatKeyOut() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"allowedOrigins\": [\"https://kept.example\"], \"tlsDir\": \"/var/lib/ukey-bridge/tls\"}");

        assertThat(run("drop-tls-dir", "--config", config.toString(), "--if", "/var/lib/ukey-bridge/tls")).isZero();

        JsonNode after = new ObjectMapper().readTree(Files.readString(config));
        assertThat(after.has("tlsDir")).isFalse();
        assertThat(after.get("allowedOrigins")).extracting(JsonNode::asText).containsExactly("https://kept.example");
    }

    @Test
    void whenTheConfigurationNamesAnotherTlsDir_thenDropTlsDirChangesNothing() throws Exception {
        Path config = dir.resolve("config.json");
        String text = "{\"tlsDir\": \"/srv/tls\"}";
        Files.writeString(config, text);

        assertThat(run("drop-tls-dir", "--config", config.toString(), "--if", "/var/lib/ukey-bridge/tls")).isZero();

        assertThat(config).hasContent(text);
    }

    @Test
    void whenNoPropertyIsGiven_thenAnExistingFileIsKept() throws Exception {
        Path out = dir.resolve("config.json");
        Files.writeString(out, "{\"allowedOrigins\": [\"https://kept.example\"]}");

        assertThat(run("write-config", "--out", out.toString())).isZero();

        assertThat(out).hasContent("{\"allowedOrigins\": [\"https://kept.example\"]}");
    }

    @Test
    void whenAnOriginIsMalformed_thenNothingIsWrittenAndTheMessageNamesIt() throws Exception {
        Path out = dir.resolve("config.json");
        Files.writeString(out, "{}");

        int code = run("write-config", "--out", out.toString(), "--allowed-origins", "https://Update.example/");

        assertThat(code).isEqualTo(AdminCommand.BAD_CONFIG);
        assertThat(err.toString()).contains("'allowedOrigins' entry 'https://Update.example/'");
        assertThat(out).hasContent("{}");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }
}
