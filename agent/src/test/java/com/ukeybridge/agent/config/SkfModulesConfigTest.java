package com.ukeybridge.agent.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SkfModulesConfigTest {
    private static final Path BASE = Path.of("/etc/ukey-bridge");
    private final AgentConfigReader reader = new AgentConfigReader(Path.of("/home/clerk/.local/share/ukey-bridge"));

    @Test
    void whenSkfModulesIsAbsent_thenThereAreNone() {
        assertThat(reader.parse("{}", BASE).skfModules()).isEmpty();
    }

    @Test
    void whenSkfModulesNamesLibraries_thenEachIsReadAndARelativeOneIsTakenFromTheConfigFolder() {
        AgentConfig config = reader.parse("{\"skfModules\": [\"/usr/lib/libgm3000.1.0.so\", \"vendor/mtoken_gm3000.dll\"]}", BASE);

        assertThat(config.skfModules()).containsExactly(Path.of("/usr/lib/libgm3000.1.0.so"),
                BASE.resolve("vendor/mtoken_gm3000.dll"));
        assertThat(config.pkcs11Modules()).isEmpty();
    }

    @Test
    void whenSkfModulesIsNotAListOfPaths_thenTheErrorNamesTheKey() {
        for (String bad : List.of("{\"skfModules\": \"/usr/lib/libskf.so\"}", "{\"skfModules\": [1]}", "{\"skfModules\": [\"\"]}")) {
            assertThatThrownBy(() -> reader.parse(bad, BASE)).as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("skfModules");
        }
    }
}
