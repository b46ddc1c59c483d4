package com.ukeybridge.site.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ukeybridge.site.UpdateSite;
import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.config.SiteConfigReader;
import com.ukeybridge.site.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default records, an embedded H2 file: the running site listens on its HTTP port and
 * nothing else, and {@code ra} in another process gets its turn at the file while it serves.
 */
class EmbeddedRecordsTest {
    @TempDir
    Path dir;

    @Test
    void whenServingOnTheDefaultDatabase_thenTheOnlyListeningSocketIsTheHttpPortAndRaWorksFromAnotherProcess() throws Exception {
        Path config = dir.resolve("site.json");
        Files.writeString(config, "{\"port\": 0, \"dataDir\": \"data\"}");
        SiteConfig siteConfig = new SiteConfigReader(Map.of(), true).read(config);
        try (UpdateSite site = UpdateSite.start(siteConfig, Clock.systemUTC())) {
            ApiClient api = new ApiClient(site.baseUri());
            assertThat(api.get("api/site").status()).isEqualTo(200);

            assertThat(listeningPorts()).containsExactly(site.port());

            Process ra = new ProcessBuilder(javaCommand("ra", "issue-code", "--config", config.toString(), "--subject", "CN=并行", "--json"))
                    .redirectErrorStream(true).start();
            ra.getOutputStream().close();
            String output = new String(ra.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ra.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(ra.exitValue()).as(output).isZero();
            JsonNode code = new ObjectMapper().readTree(output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());

            ApiClient.Answer check = api.post("api/downloads", Map.of("referenceNumber", code.get("referenceNumber").asText(),
                    "authorizationCode", code.get("authorizationCode").asText()));
            assertThat(check.status()).as(check.body().toString()).isEqualTo(200);
            assertThat(listeningPorts()).containsExactly(site.port());
        }
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UpdateSiteCommand.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** The TCP ports this process listens on (Linux: /proc/net/tcp{,6} entries in state LISTEN whose socket is one of our fds). */
    private static Set<Integer> listeningPorts() throws IOException {
        Set<String> ours = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        ours.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            // Read once: the table changes as any process on the machine opens and closes sockets.
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && ours.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
