package com.ukeybridge.agent.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.ukeybridge.agent.Agent;
import com.ukeybridge.agent.cli.LogFiles;
import com.ukeybridge.agent.config.AgentConfig;
import com.ukeybridge.agent.config.AgentConfigReader;
import com.ukeybridge.agent.prompt.HeadlessPrompts;
import com.ukeybridge.agent.x509.SubjectNames;
import com.ukeybridge.certs.AgentTlsFiles;
import com.ukeybridge.token.GeneratedKeyPair;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.TokenRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code demo}: until the update site exists, shows the agent on a SoftHSM2 token that holds a
 * login certificate expiring in 30 days. {@code scripts/demo.sh} makes the token first.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Put a certificate that expires in 30 days on a SoftHSM2 token, then run the agent headless.")
public final class DemoCommand implements Callable<Integer> {
    static final String SUBJECT = "CN=张三,OU=机构编制,O=山东省示例事业单位,C=CN";
    static final Duration OLD_VALIDITY = Duration.ofDays(1820);

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, description = "Where the demo keeps its configuration, TLS files and logs.")
    Path dir;

    @Option(names = "--module", defaultValue = "/usr/lib/softhsm/libsofthsm2.so", description = "The PKCS#11 module (default: ${DEFAULT-VALUE}).")
    Path module;

    @Option(names = "--token", defaultValue = "UKey Demo", description = "The label of the token to use (default: ${DEFAULT-VALUE}).")
    String tokenLabel;

    @Option(names = "--pin", defaultValue = "123456", description = "The token's user PIN (default: ${DEFAULT-VALUE}).")
    String pin;

    @Option(names = "--port", defaultValue = "28443", description = "The agent's port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--origin", defaultValue = "http://localhost:8000", description = "The page origin the agent admits (default: ${DEFAULT-VALUE}).")
    String origin;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path tlsDir = dir.resolve("tls");
        if (!Files.exists(tlsDir.resolve(AgentTlsFiles.AGENT_KEY))) {
            AgentTlsFiles.create(tlsDir);
        }
        String certificate = putExpiringCertificate();
        Path configFile = writeConfig(tlsDir);
        AgentConfig config = AgentConfigReader.withUserDefaults().read(configFile);
        LogFiles.attach(config.logDir());
        try (Agent agent = Agent.start(config, new HeadlessPrompts(), false, Clock.systemUTC())) {
            out.printf("%nUKey Bridge demo agent is running (Ctrl-C stops it).%n");
            out.printf("  WebSocket   wss://127.0.0.1:%d/v1   (pages from %s only)%n", agent.port(), origin);
            out.printf("  Health      curl --cacert %s https://127.0.0.1:%d/health%n", tlsDir.resolve(AgentTlsFiles.ROOT), agent.port());
            out.printf("  Token       \"%s\", user PIN %s%n", tokenLabel, pin);
            out.printf("  Certificate %s%n", certificate);
            out.printf("  Config      %s   Log %s%n", configFile, config.logDir().resolve("agent.log"));
            out.printf("The update site (coming next) will open here; until then any page from %s can call the protocol.%n", origin);
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }

    /** Gives the token a key pair and a certificate ending in 30 days, unless it has one already. */
    private String putExpiringCertificate() throws Exception {
        try (TokenRegistry registry = TokenRegistry.open(List.of(module), Duration.ofSeconds(1), Duration.ofSeconds(30))) {
            Token token = registry.tokens().stream()
                    .filter(t -> t.info().label().equals(tokenLabel))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no token labelled '" + tokenLabel + "' in " + module
                            + " (scripts/demo.sh makes one; is SOFTHSM2_CONF set?)"));
            if (!token.certificates().isEmpty()) {
                return "already on the token (" + token.certificates().size() + " certificate(s))";
            }
            char[] pinChars = pin.toCharArray();
            token.login(pinChars);
            try {
                GeneratedKeyPair pair = token.generateKeyPair(KeyAlgorithm.EC_P256, "张三");
                Instant notAfter = Instant.now().plus(Duration.ofDays(30));
                var certificate = new DemoCertificates().issue(SubjectNames.parse(SUBJECT), pair.publicKey(), notAfter, OLD_VALIDITY);
                token.storeCertificate(certificate, Optional.of("张三"), Optional.empty());
                return SUBJECT + ", expires " + notAfter;
            } finally {
                token.logout();
            }
        }
    }

    private Path writeConfig(Path tlsDir) throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("port", port);
        config.put("allowedOrigins", List.of(origin));
        config.put("pkcs11Modules", List.of(module.toString()));
        config.put("tlsDir", tlsDir.toAbsolutePath().toString());
        config.put("dataDir", dir.toAbsolutePath().toString());
        config.put("confirmWrites", false);
        Path file = dir.resolve("config.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), config);
        return file;
    }
}
