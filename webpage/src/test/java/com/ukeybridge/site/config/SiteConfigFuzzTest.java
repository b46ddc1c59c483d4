package com.ukeybridge.site.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The site's configuration file, any bytes: read as a valid configuration or refused with a
 * {@link ConfigException}, nothing else (docs/fuzzing.md). Fuzzed through
 * {@link SiteConfigReader#read(Path)}, the entry {@code serve} and {@code ra} use, from a real file.
 */
class SiteConfigFuzzTest {
    private static final SiteConfigReader reader = new SiteConfigReader(Map.of(
            SiteConfigReader.DEFAULT_CA_PASSWORD_ENV, "fuzz", SiteConfigReader.DEFAULT_CA_PIN_ENV, "123456"));
    private static Path dir;
    private static Path file;

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("site-config-fuzz");
        file = dir.resolve("site.json");
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
            reader.read(file);
        } catch (ConfigException expected) {
            // the only refusal the reader has
        }
    }
}
