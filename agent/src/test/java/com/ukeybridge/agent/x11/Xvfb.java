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
     * Starts on a display number of its own, then returns once the server says it accepts
     * connections ({@code -displayfd}: it writes the number only then). The number is drawn
     * from 1000–8999, away from the ones people and tools use (:0, :1, :99, …): a program
     * started elsewhere on this machine with such a DISPLAY must never open its windows on our
     * screen, over the ones a test clicks. Xvfb binds the number's sockets itself and exits when
     * another server has them, so parallel builds never share one: then another number is tried.
     */
    public static Xvfb start() throws IOException, InterruptedException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("Xvfb is not installed: run scripts/setup.sh"));
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int display = 1000 + random.nextInt(8000);
            Process process = new ProcessBuilder(binary.toString(), ":" + display, "-displayfd", "1",
                    "-screen", "0", "1280x900x24", "-nolisten", "tcp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Optional<Integer> ready = awaitReady(process);
            if (ready.isPresent() && ready.get() == display) {
                return new Xvfb(process, display);
            }
            process.destroyForcibly();
            process.waitFor();
        }
        throw new IllegalStateException("no free X display for Xvfb");
    }

    /** The display number the server wrote once ready; empty when it exited first (its number was taken). */
    private static Optional<Integer> awaitReady(Process process) throws InterruptedException {
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
            return number != null && number.strip().matches("\\d+") ? Optional.of(Integer.parseInt(number.strip())) : Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
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
