package com.ukeybridge.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.ukeybridge.token.GeneratedKeyPair;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.TokenRegistry;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's throwaway world in one folder: a SoftHSM2 installation with one token holding
 * an EC-P256 key and its certificate, the agent's TLS files, and its configuration.
 */
final class Workspace {
    static final String TOKEN_LABEL = "UKey Bench";
    static final String PIN = "123456";
    static final String SO_PIN = "12345678";
    static final String ORIGIN = "https://bench.ukey-bridge.test";
    static final String SUBJECT = "CN=Benchmark User,O=UKey Bridge,C=CN";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final Path dir;
    final Path softhsmConf;
    final Path tlsDir;
    final Path module;
    private ObjectId keyId;

    Workspace(Path dir, Path module) {
        this.dir = dir;
        this.softhsmConf = dir.resolve("softhsm2.conf");
        this.tlsDir = dir.resolve("tls");
        this.module = module;
    }

    /** Writes softhsm2.conf and makes this process see it (before any registry opens). */
    void prepareSoftHsm() throws IOException {
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Files.writeString(softhsmConf, String.join("\n",
                "directories.tokendir = " + tokens.toAbsolutePath(),
                "objectstore.backend = file",
                "log.level = ERROR",
                "slots.removable = false",
                ""), StandardCharsets.UTF_8);
        String conf = softhsmConf.toAbsolutePath().toString();
        if (!conf.equals(System.getenv("SOFTHSM2_CONF")) && LibC.INSTANCE.setenv("SOFTHSM2_CONF", conf, 1) != 0) {
            throw new IllegalStateException("setenv(SOFTHSM2_CONF) failed");
        }
        run(List.of("softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL,
                "--so-pin", SO_PIN, "--pin", PIN), Map.of());
    }

    /** Generates the EC-P256 key pair on the token and stores a certificate for it; returns the key's CKA_ID. */
    ObjectId provision(TokenRegistry registry) throws Exception {
        Token token = token(registry);
        token.login(PIN.toCharArray());
        try {
            GeneratedKeyPair pair = token.generateKeyPair(KeyAlgorithm.EC_P256, "bench");
            ObjectId stored = token.storeCertificate(ThrowawayCa.issue(pair.publicKey(), SUBJECT), Optional.of("bench"), Optional.empty());
            keyId = stored;
            return stored;
        } finally {
            token.logout();
        }
    }

    static Token token(TokenRegistry registry) {
        return registry.tokens().stream().filter(t -> t.info().label().equals(TOKEN_LABEL)).findFirst()
                .orElseThrow(() -> new IllegalStateException("SoftHSM shows no token labelled '" + TOKEN_LABEL + "'"));
    }

    ObjectId keyId() {
        return keyId;
    }

    /** The agent's TLS files, made as a user would: {@code java -jar ukey-agent.jar certs create}. */
    void createTls(Path agentJar) throws IOException, InterruptedException {
        run(List.of(javaBinary(), "-jar", agentJar.toString(), "certs", "create", "--dir", tlsDir.toString()), Map.of());
    }

    Path rootCertificate() {
        return tlsDir.resolve("root.pem");
    }

    /** A configuration for one agent start, on a port free now. */
    Path writeConfig(int port) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("port", port);
        config.put("allowedOrigins", List.of(ORIGIN));
        config.put("pkcs11Modules", List.of(module.toString()));
        config.put("tlsDir", tlsDir.toAbsolutePath().toString());
        config.put("dataDir", dir.resolve("data").toAbsolutePath().toString());
        config.put("confirmWrites", false);
        // The benchmark measures protocol v1's sign; the agent serves v1 only when told (docs/protocol.md).
        config.put("protocols", List.of(1, 2));
        Path file = dir.resolve("config.json");
        JSON.writeValue(file.toFile(), config);
        return file;
    }

    Map<String, String> childEnvironment() {
        return Map.of("SOFTHSM2_CONF", softhsmConf.toAbsolutePath().toString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void run(List<String> command, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().putAll(childEnvironment());
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
