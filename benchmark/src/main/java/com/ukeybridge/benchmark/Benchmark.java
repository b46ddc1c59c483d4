package com.ukeybridge.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.SignatureAlgorithm;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.TokenRegistry;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The load harness behind README's "Benchmark": cold start to a healthy {@code /health}, resident
 * memory after an idle minute, getInfo and listTokens round trips over wss with 1 and with N
 * connections, and {@code sign} (EC-P256) through the agent against the same signature made
 * in-process on the same token. A program, run by {@code scripts/bench.sh}; the figures are goals
 * to compare with, not assertions.
 */
public final class Benchmark {
    // The targets.
    static final double TARGET_START_S = 0.8;
    static final double TARGET_IDLE_RSS_MB = 64;
    static final double TARGET_GETINFO_P50_MS = 0.3;
    static final double TARGET_SIGN_OVERHEAD_MS = 0.3;

    private final Options options;
    private final Workspace workspace;
    private final List<String> lines = new ArrayList<>();

    private Benchmark(Options options, Workspace workspace) {
        this.options = options;
        this.workspace = workspace;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        for (Path required : List.of(options.launcher(), options.agentJar(), options.module())) {
            if (!Files.exists(required)) {
                System.err.println("ukey-benchmark: " + required + " does not exist (build first: scripts/bench.sh does)");
                System.exit(2);
            }
        }
        Path work = options.work().isPresent() ? Files.createDirectories(options.work().get())
                : Files.createTempDirectory("ukey-bench-");
        try {
            new Benchmark(options, new Workspace(work, options.module())).run();
        } finally {
            if (options.keep()) {
                System.err.println("work folder kept: " + work);
            } else if (options.work().isEmpty()) {
                Workspace.deleteTree(work);
            }
        }
    }

    private void run() throws Exception {
        progress("setting up SoftHSM2, the EC-P256 key and certificate, the TLS files in " + workspace.dir);
        workspace.prepareSoftHsm();
        try (TokenRegistry registry = TokenRegistry.open(List.of(options.module()), Duration.ofSeconds(1), Duration.ofSeconds(30))) {
            ObjectId keyId = workspace.provision(registry);
            workspace.createTls(options.agentJar());
            SSLContext tls = trusting(workspace.rootCertificate());
            Map<String, String> env = new java.util.HashMap<>(workspace.childEnvironment());
            // The launcher keeps its class-data archive here: the first start makes it, as on a fresh desktop.
            env.put("UKEY_CACHE_DIR", workspace.dir.resolve("cache").toString());
            Path agentOutput = workspace.dir.resolve("agent-output.txt");

            Results results = new Results();
            coldStarts(tls, env, agentOutput, results);

            int port = Workspace.freePort();
            try (AgentProcess agent = AgentProcess.launch(options.launcher(), workspace.writeConfig(port), port, env, agentOutput)) {
                agent.awaitHealthy(tls);
                results.jvmCommandLine = commandLine(agent.pid());
                progress("agent pid " + agent.pid() + " idle for " + options.idleSeconds() + " s");
                Thread.sleep(options.idleSeconds() * 1000L);
                results.idleRssKb = agent.statusKb("VmRSS");
                results.idleRssAnonKb = agent.statusKb("RssAnon");
                results.idleRssFileKb = agent.statusKb("RssFile") + agent.statusKb("RssShmem");

                HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
                for (int connections : List.of(1, options.connections())) {
                    for (String method : List.of("getInfo", "listTokens")) {
                        progress(method + " with " + connections + " connection(s)");
                        results.roundTrips.add(roundTrips(http, port, method, connections));
                    }
                }
                signs(http, port, registry, keyId, results);
                results.loadedRssKb = agent.statusKb("VmRSS");
                results.peakRssKb = agent.statusKb("VmHWM");
            }
            report(results);
        }
    }

    // ---- cold start

    private void coldStarts(SSLContext tls, Map<String, String> env, Path output, Results results) throws Exception {
        progress("first start (untimed in the median: the launcher writes its class-data archive at its exit)");
        results.firstStartNanos = oneStart(tls, env, output);
        for (int i = 0; i < options.starts(); i++) {
            long nanos = oneStart(tls, env, output);
            results.startNanos.add(nanos);
            results.startCpuMillis.add(lastStartCpuMillis);
            progress("cold start " + (i + 1) + "/" + options.starts() + ": " + Samples.millis(nanos) + " ms, "
                    + lastStartCpuMillis + " ms CPU");
        }
    }

    private long lastStartCpuMillis;

    private long oneStart(SSLContext tls, Map<String, String> env, Path output) throws Exception {
        int port = Workspace.freePort();
        Path config = workspace.writeConfig(port);
        try (AgentProcess agent = AgentProcess.launch(options.launcher(), config, port, env, output)) {
            long nanos = agent.awaitHealthy(tls);
            lastStartCpuMillis = agent.cpuMillis();
            return nanos;
        }
    }

    // ---- round trips

    record RoundTrips(String method, int connections, Samples samples, double callsPerSecond) {
    }

    private RoundTrips roundTrips(HttpClient http, int port, String method, int connections) throws Exception {
        List<RpcConnection> open = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            for (int i = 0; i < connections; i++) {
                open.add(RpcConnection.open(http, port, Workspace.ORIGIN));
            }
            CountDownLatch warmedUp = new CountDownLatch(connections);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<long[]>> measured = new ArrayList<>();
            for (RpcConnection connection : open) {
                measured.add(threads.submit(() -> {
                    for (int i = 0; i < options.warmup(); i++) {
                        connection.roundTrip(method, null);
                    }
                    warmedUp.countDown();
                    go.await();
                    long[] nanos = new long[options.iterations()];
                    for (int i = 0; i < nanos.length; i++) {
                        nanos[i] = connection.roundTrip(method, null);
                    }
                    return nanos;
                }));
            }
            warmedUp.await();
            long start = System.nanoTime();
            go.countDown();
            List<long[]> parts = new ArrayList<>();
            for (Future<long[]> part : measured) {
                parts.add(part.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Samples samples = Samples.merge(parts);
            return new RoundTrips(method, connections, samples, samples.count() / seconds);
        } finally {
            threads.shutdownNow();
            open.forEach(RpcConnection::close);
        }
    }

    // ---- sign: through the agent, and in-process on the same token and key

    private void signs(HttpClient http, int port, TokenRegistry registry, ObjectId keyId, Results results) throws Exception {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try (RpcConnection connection = RpcConnection.open(http, port, Workspace.ORIGIN)) {
            JsonNode token = null;
            for (JsonNode candidate : connection.call("listTokens", null).get("tokens")) {
                if (candidate.get("label").asText().equals(Workspace.TOKEN_LABEL)) {
                    token = candidate;
                }
            }
            if (token == null || token.get("certificates").size() != 1) {
                throw new IllegalStateException("the agent does not list the benchmark token with its one certificate: " + token);
            }
            String tokenId = token.get("tokenId").asText();
            String certId = token.get("certificates").get(0).get("certId").asText();
            if (!certId.equals(keyId.hex())) {
                throw new IllegalStateException("certId " + certId + " is not the provisioned key's id " + keyId.hex());
            }
            ObjectNode login = RpcConnection.params().put("tokenId", tokenId).put("pin", Workspace.PIN);
            connection.call("verifyPin", login);
            ObjectNode sign = RpcConnection.params().put("tokenId", tokenId).put("certId", certId)
                    .put("algorithm", "SHA256withECDSA").put("data", Base64.getEncoder().encodeToString(challenge));
            progress("sign through the agent");
            for (int i = 0; i < options.warmup(); i++) {
                connection.roundTrip("sign", sign);
            }
            long[] viaAgent = new long[options.signIterations()];
            for (int i = 0; i < viaAgent.length; i++) {
                viaAgent[i] = connection.roundTrip("sign", sign);
            }
            results.signViaAgent = new Samples(viaAgent);
            connection.call("logout", RpcConnection.params().put("tokenId", tokenId));
        }

        progress("sign in-process (Token.sign on the same token, same key)");
        registry.refresh();
        Token token = Workspace.token(registry);
        token.login(Workspace.PIN.toCharArray());
        try {
            for (int i = 0; i < options.warmup(); i++) {
                token.sign(keyId, SignatureAlgorithm.SHA256_WITH_ECDSA, challenge);
            }
            long[] inProcess = new long[options.signIterations()];
            for (int i = 0; i < inProcess.length; i++) {
                long start = System.nanoTime();
                token.sign(keyId, SignatureAlgorithm.SHA256_WITH_ECDSA, challenge);
                inProcess[i] = System.nanoTime() - start;
            }
            results.signInProcess = new Samples(inProcess);
            // What the agent's sign asks of the token: find the certificate by certId, then sign with its key.
            long[] lookupAndSign = new long[options.signIterations()];
            for (int i = 0; i < lookupAndSign.length; i++) {
                long start = System.nanoTime();
                token.certificates().stream().filter(c -> c.id().equals(keyId)).findFirst().orElseThrow();
                token.sign(keyId, SignatureAlgorithm.SHA256_WITH_ECDSA, challenge);
                lookupAndSign[i] = System.nanoTime() - start;
            }
            results.lookupAndSignInProcess = new Samples(lookupAndSign);
        } finally {
            token.logout();
        }
    }

    // ---- report

    static final class Results {
        long firstStartNanos;
        final List<Long> startNanos = new ArrayList<>();
        final List<Long> startCpuMillis = new ArrayList<>();
        long idleRssKb;
        long idleRssAnonKb;
        long idleRssFileKb;
        long loadedRssKb;
        long peakRssKb;
        final List<RoundTrips> roundTrips = new ArrayList<>();
        Samples signViaAgent;
        Samples signInProcess;
        Samples lookupAndSignInProcess;
        String jvmCommandLine;
    }

    private void report(Results r) throws Exception {
        Samples starts = new Samples(r.startNanos.stream().mapToLong(Long::longValue).toArray());
        double startS = starts.median() / 1e9;
        double idleMb = r.idleRssKb / 1024.0;
        RoundTrips getInfo1 = r.roundTrips.stream().filter(t -> t.method.equals("getInfo") && t.connections == 1).findFirst().orElseThrow();
        double getInfoMs = getInfo1.samples.median() / 1e6;
        double overheadMs = (r.signViaAgent.median() - r.signInProcess.median()) / 1e6;

        line("## UKey Bridge benchmark, " + Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"));
        line("");
        line("Command: `" + options.command() + "`  ");
        line("Machine: " + Machine.describe() + "  ");
        line("Agent JVM: `" + r.jvmCommandLine + "`");
        line("");
        line("| measure | p50 | p99 | other | target |");
        line("|---|---:|---:|---|---|");
        Samples cpu = new Samples(r.startCpuMillis.stream().mapToLong(Long::longValue).toArray());
        line(String.format("| cold start to 200 from `/health` (median of %d) | %.3f s | | all: %s s; agent CPU to healthy %.2f s (median); first start ever (no class-data archive yet) %.3f s | ≤ %.1f s: %s |",
                starts.count(), startS, seconds(r.startNanos), cpu.median() / 1e3, r.firstStartNanos / 1e9,
                TARGET_START_S, verdict(startS, TARGET_START_S, "s")));
        line(String.format("| RSS after %d s idle (VmRSS) | %.1f MB | | anon %.1f MB, file+shmem %.1f MB; after the load %.1f MB, peak %.1f MB | ≤ %.0f MB: %s |",
                options.idleSeconds(), idleMb, r.idleRssAnonKb / 1024.0, r.idleRssFileKb / 1024.0,
                r.loadedRssKb / 1024.0, r.peakRssKb / 1024.0, TARGET_IDLE_RSS_MB, verdict(idleMb, TARGET_IDLE_RSS_MB, "MB")));
        for (RoundTrips t : r.roundTrips) {
            String target = t == getInfo1 ? String.format("p50 ≤ %.1f ms: %s", TARGET_GETINFO_P50_MS, verdict(getInfoMs, TARGET_GETINFO_P50_MS, "ms")) : "";
            line(String.format("| %s over wss, %d connection%s | %s ms | %s ms | %,.0f calls/s, %,d calls | %s |", t.method, t.connections,
                    t.connections == 1 ? "" : "s", Samples.millis(t.samples.median()), Samples.millis(t.samples.p99()),
                    t.callsPerSecond, t.samples.count(), target));
        }
        line(String.format("| sign SHA256withECDSA (EC-P256) through the agent, 1 connection | %s ms | %s ms | %,d calls | |",
                Samples.millis(r.signViaAgent.median()), Samples.millis(r.signViaAgent.p99()), r.signViaAgent.count()));
        line(String.format("| the same `Token.sign` in-process, same token and key | %s ms | %s ms | %,d calls | |",
                Samples.millis(r.signInProcess.median()), Samples.millis(r.signInProcess.p99()), r.signInProcess.count()));
        line(String.format("| in-process `Token.certificates()` + `Token.sign` (the token work the agent's sign does) | %s ms | %s ms | %,d calls | |",
                Samples.millis(r.lookupAndSignInProcess.median()), Samples.millis(r.lookupAndSignInProcess.p99()), r.lookupAndSignInProcess.count()));
        line(String.format("| **overhead the agent adds to sign** (difference of medians) | %.3f ms | | ratio %.2f× | ≤ %.1f ms: %s |",
                overheadMs, r.signViaAgent.median() / (double) r.signInProcess.median(), TARGET_SIGN_OVERHEAD_MS,
                verdict(overheadMs, TARGET_SIGN_OVERHEAD_MS, "ms")));
        line("");
        line("Round trips: " + options.warmup() + " untimed calls per connection, then " + options.iterations()
                + " timed per connection (sign: " + options.signIterations() + "), one request in flight per connection; "
                + "the client (java.net.http) shares the machine with the agent.");

        String text = String.join("\n", lines) + "\n";
        System.out.print("\n" + text);
        Files.createDirectories(options.report().getParent());
        Files.writeString(options.report(), text, StandardCharsets.UTF_8);
        System.err.println("report written to " + options.report());
    }

    private static String verdict(double value, double target, String unit) {
        if (value <= target) {
            return String.format("met (%.3g %s under)", target - value, unit);
        }
        return String.format("**not met** (%.3g %s over, %.0f%%)", value - target, unit, 100 * (value - target) / target);
    }

    private static String seconds(List<Long> nanos) {
        return String.join(", ", nanos.stream().map(n -> String.format("%.3f", n / 1e9)).toList());
    }

    private void line(String text) {
        lines.add(text);
    }

    private static void progress(String message) {
        System.err.println("[bench] " + message);
    }

    private static String commandLine(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            return String.join(" ", raw.split("\0"));
        } catch (Exception e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    private static SSLContext trusting(Path rootPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(rootPem)) {
            trust.setCertificateEntry("ukey-bench-root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
