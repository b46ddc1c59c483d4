package com.ukeybridge.site.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ukeybridge.site.UpdateSite;
import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.testing.TestDatabases;
import com.ukeybridge.site.testing.TestKeys;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load harness for the update site's renewal API, without a browser or a token (README,
 * "Benchmark"): starts the site in-process on the configured database, seeds N certificates of a
 * test CA (keys in memory) as the RA imports them, then C concurrent clients (java.net.http, one
 * shared client, HTTP/1.1 keep-alive) run full renewals: {@code POST /api/renewals} → sign the
 * challenge with the old key → a PKCS#10 request for a new key → {@code POST …/certificate} →
 * {@code POST …/completion}. The new key pairs are made during seeding (on a UKey the token makes
 * them); signing the challenge and building the request are done inside the timed renewal, as the
 * agent would, with Bouncy Castle's EC code (standing in for the token's, and far cheaper than the
 * JDK's on Java 17, so that the harness takes less of the machine from the site). Reports
 * renewals per second and p50/p99 per renewal and per step.
 *
 * <pre>
 * scripts/site-bench.sh [--database h2|postgres|JDBC-URL] [--renewals N] [--clients C] [--warmup W]
 * </pre>
 * {@code h2} (default) is the site's default database, an H2 file under a fresh data folder;
 * {@code postgres} a fresh schema on the test server ({@code UKEY_TEST_POSTGRES_URL}, default the
 * role and database scripts/setup.sh makes), dropped afterwards. Not a test: nothing runs it in
 * {@code mvn verify}; it is compiled with the tests so it cannot rot.
 */
public final class SiteBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Provider BC = new BouncyCastleProvider();
    private static final String[] STEPS = {"renewal (total)", "POST /api/renewals", "sign + CSR (client)", "POST …/certificate",
            "POST …/completion"};

    private record Seeded(KeyPair oldKeys, String certificateB64, KeyPair newKeys) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String database = options.getOrDefault("database", "h2");
        int renewals = Integer.parseInt(options.getOrDefault("renewals", "20000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5000"));

        Path dir = Files.createTempDirectory("site-bench-");
        String url = switch (database) {
            case "h2" -> SiteConfig.defaultDatabase(dir.resolve("data"));
            case "postgres" -> TestDatabases.postgres();
            default -> database;
        };
        int status = 0;
        try {
            run(dir, url, database, renewals, clients, warmup);
        } catch (Exception e) {
            e.printStackTrace(System.out);
            status = 1;
        } finally {
            if ("postgres".equals(database)) {
                TestDatabases.dropPostgres(url);
            }
        }
        System.exit(status);
    }

    private static void run(Path dir, String url, String database, int renewals, int clients, int warmup) throws Exception {
        KeyPair caKeys = ec();
        X500Name caName = new X500Name("CN=Bench Old CA,O=UKey Bridge,C=CN");
        ContentSigner caSigner = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(caKeys.getPrivate());
        X509Certificate caCertificate = certificate(caName, caName, caKeys, caSigner, Instant.now().plus(Duration.ofDays(3650)), true);
        Path caFile = dir.resolve("old-ca.pem");
        Files.writeString(caFile, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(caCertificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");

        // Rate limits out of the way: C clients from one address are the point here.
        SiteConfig config = SiteConfig.defaults(dir.resolve("data")).withPort(0).withDatabase(url).withTrustedIssuers(List.of(caFile))
                .withRateLimits(com.ukeybridge.site.config.RateLimitSettings.uniform(1_000_000, 1_000_000));
        try (UpdateSite site = UpdateSite.start(config, Clock.systemUTC())) {
            long seedStart = System.nanoTime();
            List<Seeded> seeded = seed(site, caName, caSigner, warmup + renewals);
            System.out.printf(Locale.ROOT, "Seeded %d certificates in %.1f s (%s)%n", seeded.size(),
                    (System.nanoTime() - seedStart) / 1e9, redact(url));

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                    .build();
            URI base = site.baseUri();
            if (warmup > 0) {
                Result w = load(http, base, seeded.subList(0, warmup), clients);
                System.out.printf(Locale.ROOT, "Warm-up: %d renewals, %.0f/s, %d failed%n", warmup, w.perSecond(), w.failed.get());
            }
            Result r = load(http, base, seeded.subList(warmup, seeded.size()), clients);
            print(r, database, renewals, clients);
        }
    }

    private static List<Seeded> seed(UpdateSite site, X500Name caName, ContentSigner caSigner, int count) throws Exception {
        Instant notAfter = Instant.now().plus(Duration.ofDays(30));
        List<Seeded> all = new ArrayList<>(count);
        List<X509Certificate> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            KeyPair oldKeys = ec();
            X509Certificate certificate = certificate(caName, new X500Name("CN=职员" + i + ",OU=信息科,O=山东省某事业单位,C=CN"),
                    oldKeys, caSigner, notAfter, false);
            all.add(new Seeded(oldKeys, Base64.getEncoder().encodeToString(certificate.getEncoded()), ec()));
            batch.add(certificate);
            if (batch.size() == 1000 || i == count - 1) {
                site.ra().importCertificates(batch, "ra bench");
                batch.clear();
            }
        }
        return all;
    }

    private static X509Certificate certificate(X500Name issuer, X500Name subject, KeyPair keys, ContentSigner signer, Instant notAfter,
                                               boolean ca) throws Exception {
        var builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(96, new java.security.SecureRandom()).setBit(95),
                Date.from(notAfter.minus(Duration.ofDays(1820))), Date.from(notAfter), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** Latencies (ns) per step of each renewal, and how many failed. */
    private static final class Result {
        final long[][] nanos;
        final AtomicLong failed = new AtomicLong();
        long wallNanos;
        long cpuNanos;
        Map<String, Long> cpuByPart;
        int done;

        Result(int n) {
            nanos = new long[STEPS.length][n];
        }

        double perSecond() {
            return done / (wallNanos / 1e9);
        }
    }

    private static Result load(HttpClient http, URI base, List<Seeded> work, int clients) throws Exception {
        Result result = new Result(work.size());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long cpuStart = processCpuNanos();
        Map<Long, Long> threadsStart = threadCpuNanos();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < work.size(); i = next.getAndIncrement()) {
                    try {
                        renew(http, base, work.get(i), result, i);
                    } catch (Exception e) {
                        if (result.failed.incrementAndGet() <= 3) {
                            System.out.println("renewal failed: " + e.getMessage());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        result.wallNanos = System.nanoTime() - start;
        result.cpuNanos = processCpuNanos() - cpuStart;
        result.cpuByPart = cpuByPart(threadsStart, threadCpuNanos(), result.cpuNanos);
        result.done = work.size() - (int) result.failed.get();
        pool.shutdown();
        return result;
    }

    private static void renew(HttpClient http, URI base, Seeded s, Result result, int i) throws Exception {
        long t0 = System.nanoTime();
        JsonNode offer = post(http, base.resolve("api/renewals"), "{\"certificate\":\"" + s.certificateB64() + "\"}");
        long t1 = System.nanoTime();
        byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=ignored by the site"), s.newKeys().getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(s.newKeys().getPrivate())).getEncoded();
        // The agent's proveKey for the site's (loopback) origin, bound to the request's key.
        byte[] proof = sign(s.oldKeys().getPrivate(), TestKeys.proofMessage(base.getScheme() + "://" + base.getHost() + ":" + base.getPort(),
                Base64.getDecoder().decode(offer.get("challenge").asText()), csr));
        String id = offer.get("renewalId").asText();
        long t2 = System.nanoTime();
        JsonNode issued = post(http, base.resolve("api/renewals/" + id + "/certificate"), JSON.writeValueAsString(
                Map.of("proof", Base64.getEncoder().encodeToString(proof), "csr", Base64.getEncoder().encodeToString(csr))));
        long t3 = System.nanoTime();
        JsonNode completed = post(http, base.resolve("api/renewals/" + id + "/completion"),
                "{\"serialNumber\":\"" + issued.get("serialNumber").asText() + "\"}");
        long t4 = System.nanoTime();
        if (!completed.path("completed").asBoolean()) {
            throw new IllegalStateException("completion answered " + completed);
        }
        result.nanos[0][i] = t4 - t0;
        result.nanos[1][i] = t1 - t0;
        result.nanos[2][i] = t2 - t1;
        result.nanos[3][i] = t3 - t2;
        result.nanos[4][i] = t4 - t3;
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] sign(PrivateKey key, byte[] data) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA", BC);
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }

    private static JsonNode post(HttpClient http, URI uri, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri.getPath() + " answered " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void print(Result r, String database, int renewals, int clients) {
        System.out.printf(Locale.ROOT, "%nDatabase %s, %d renewals, %d clients, %d cores (%s)%n", database, renewals, clients,
                cores(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "Renewals per second: %.0f   (%d done, %d failed, %.1f s)%n", r.perSecond(), r.done, r.failed.get(),
                r.wallNanos / 1e9);
        double cpuMs = r.cpuNanos / 1e6 / r.done;
        System.out.printf(Locale.ROOT, "CPU of this process (site and clients): %.2f ms per renewal, %.0f%% of %d cores busy;"
                + " the cores it had would give %.0f/s%n", cpuMs, r.cpuNanos * 100.0 / r.wallNanos / cores(), cores(),
                cores() * 1000 / cpuMs);
        System.out.printf(Locale.ROOT, "  of which, ms per renewal:");
        r.cpuByPart.forEach((part, nanos) -> System.out.printf(Locale.ROOT, " %s %.2f;", part, nanos / 1e6 / r.done));
        double siteMs = r.cpuByPart.get("site") / 1e6 / r.done;
        System.out.printf(Locale.ROOT, "%n  the site's own threads alone would give %.0f/s on %d cores%n", cores() * 1000 / siteMs, cores());
        System.out.printf(Locale.ROOT, "Load average at the end (other processes included): %.1f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "%-22s %9s %9s %9s%n", "latency (ms)", "p50", "p99", "mean");
        for (int s = 0; s < STEPS.length; s++) {
            long[] sorted = Arrays.stream(r.nanos[s]).filter(v -> v > 0).sorted().toArray();
            if (sorted.length == 0) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%-22s %9.2f %9.2f %9.2f%n", STEPS[s], percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6,
                    Arrays.stream(sorted).average().orElse(0) / 1e6);
        }
    }

    /** CPU time of every live thread, by id. */
    private static Map<Long, Long> threadCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /**
     * The phase's CPU split into the site's threads (Jetty's pool: HTTP, JSON, rules, crypto, JDBC
     * calls; H2's and the pool's own), the harness's (clients, java.net.http) and the JVM's own
     * (JIT compilers, GC: the process total minus every Java thread).
     */
    private static Map<String, Long> cpuByPart(Map<Long, Long> before, Map<Long, Long> after, long processNanos) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> parts = new java.util.LinkedHashMap<>();
        parts.put("site", 0L);
        parts.put("clients", 0L);
        long javaThreads = 0;
        for (var entry : after.entrySet()) {
            long used = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            java.lang.management.ThreadInfo info = threads.getThreadInfo(entry.getKey());
            String name = info == null ? "" : info.getThreadName();
            boolean client = name.startsWith("pool-") || name.startsWith("HttpClient");
            parts.merge(client ? "clients" : "site", used, Long::sum);
            javaThreads += used;
        }
        parts.put("JVM (JIT, GC)", Math.max(0, processNanos - javaThreads));
        return parts;
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: [--database h2|postgres|JDBC-URL] [--renewals N] [--clients C] [--warmup W]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
