package com.ukeybridge.agent.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agent's configuration file, any bytes: read as a valid configuration or refused with a
 * {@link ConfigException}, nothing else (docs/fuzzing.md). Fuzzed through
 * {@link AgentConfigReader#read(Path)}, the entry the agent uses, from a real file.
 */
class AgentConfigFuzzTest {
    private static Path dir;
    private static Path file;

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("agent-config-fuzz");
        file = dir.resolve("agent.json");
    }

    @AfterAll
    static void removeDir() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @FuzzTest
    void whenAnyFileIsRead_thenAConfigurationOrAConfigException(byte[] content) throws IOException {
        Files.write(file, content);
        try {
            new AgentConfigReader(dir.resolve("data")).read(file);
        } catch (ConfigException expected) {
            // the only refusal the reader has
        }
    }
}
