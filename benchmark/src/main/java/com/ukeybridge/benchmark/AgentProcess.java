package com.ukeybridge.benchmark;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent as a separate process, started through {@code scripts/ukey-agent} so that the
 * launcher's JVM flags are the ones measured. The launcher {@code exec}s java, so the process
 * we start is the JVM itself (its pid is the agent's, for {@code /proc/PID/status}).
 */
final class AgentProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final long startedAt;
    final int port;

    private AgentProcess(Process process, long startedAt, int port) {
        this.process = process;
        this.startedAt = startedAt;
        this.port = port;
    }

    static AgentProcess launch(Path launcher, Path config, int port, Map<String, String> env, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(launcher.toString(), "run", "--headless", "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(env);
        long startedAt = System.nanoTime();
        Process process = builder.start();
        return new AgentProcess(process, startedAt, port);
    }

    /**
     * Polls until {@code GET /health} answers 200 over TLS (trusting only the benchmark's root),
     * and returns the time from process start to that answer. A cheap TCP connect is tried
     * every 2 ms first, so that the poll itself takes little CPU from the starting agent.
     */
    long awaitHealthy(SSLContext tls) throws IOException, InterruptedException {
        long deadline = startedAt + START_TIMEOUT.toNanos();
        HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the agent exited with " + process.exitValue() + " before it was healthy");
            }
            if (listening()) {
                try {
                    HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("\"ok\"")) {
                        return System.nanoTime() - startedAt;
                    }
                } catch (IOException notYet) {
                    // bound but not serving yet, or reset while starting: poll again
                }
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("the agent was not healthy within " + START_TIMEOUT.toSeconds() + " s");
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    /** A field of {@code /proc/PID/status} in kB (VmRSS, VmHWM, RssAnon, RssFile, …). */
    long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid() + "/status");
    }

    /**
     * CPU time (user + system, all threads) the agent has used so far, in ms: less sensitive than
     * wall time to other work on a shared machine. {@code /proc/PID/stat} counts in clock ticks,
     * 100 per second on Linux.
     */
    long cpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After "pid (comm) ", utime and stime are the 12th and 13th fields.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** SIGTERM (the agent's shutdown hook closes it cleanly, and the JVM may write its CDS archive), then waits. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
