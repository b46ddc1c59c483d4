package com.ukeybridge.agent.x11;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A private X server (Debian's {@code xvfb}) for tests that open real windows. The test JVM
 * stays headless; the windows open in a child JVM ({@link ChildJvm}) whose DISPLAY is this.
 */
public final class Xvfb implements AutoCloseable {
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

    /** Starts on the first free display number from 90 on (others' servers and parallel builds keep theirs). */
    public static Xvfb start() throws IOException, InterruptedException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("Xvfb is not installed: run scripts/setup.sh"));
        for (int display = 90 + (int) (ProcessHandle.current().pid() % 50); display < 400; display++) {
            if (Files.exists(Path.of("/tmp/.X" + display + "-lock"))) {
                continue;
            }
            Process process = new ProcessBuilder(binary.toString(), ":" + display, "-screen", "0", "1280x900x24", "-nolisten", "tcp")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Path socket = Path.of("/tmp/.X11-unix/X" + display);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            while (process.isAlive() && !Files.exists(socket) && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            if (process.isAlive() && Files.exists(socket)) {
                return new Xvfb(process, display);
            }
            process.destroyForcibly();
        }
        throw new IllegalStateException("no free X display for Xvfb");
    }

    /** The value for DISPLAY. */
    public String display() {
        return ":" + display;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
