package com.ukeybridge.agent.x11;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A private X server (Debian's {@code xvfb}) for tests that open real windows. The test JVM
 * stays headless; the windows open in a child JVM ({@link ChildJvm}) whose DISPLAY is this.
 */
public final class Xvfb implements AutoCloseable {
    /** An upper bound for a hung server, never the wait itself: the wait ends when Xvfb says it is ready. */
    private static final long START_LIMIT_SECONDS = 120;

    private final Process process;
    private final int display;

    private Xvfb(Process process, int display) {
        this.process = process;
        this.display = display;
    }

    /** The Xvfb binary, if installed ({@code scripts/setup.sh} installs it). */
    public static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "Xvfb");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts on a display number that the server itself picks and locks ({@code -displayfd}):
     * parallel builds and other users' servers on this machine never get the same one, and a
     * stale socket left by a killed server is never mistaken for ours. Returns once the server
     * has written the number, which it does only when it accepts connections.
     */
    public static Xvfb start() throws IOException, InterruptedException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("Xvfb is not installed: run scripts/setup.sh"));
        Process process = new ProcessBuilder(binary.toString(), "-displayfd", "1", "-screen", "0", "1280x900x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            String number = ready.get(START_LIMIT_SECONDS, TimeUnit.SECONDS);
            if (number == null || !number.strip().matches("\\d+")) {
                throw new IllegalStateException("Xvfb exited before it was ready (exit " + process.waitFor() + ")");
            }
            return new Xvfb(process, Integer.parseInt(number.strip()));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Xvfb did not start: " + e, e);
        }
    }

    /** The value for DISPLAY. */
    public String display() {
        return ":" + display;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
    }
}
