package com.ukeybridge.agent.dbus;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A private D-Bus session bus for a test: Debian's {@code dbus-daemon} on a socket in a temporary
 * folder, with a configuration of its own (any name may be owned, and no service activation, so a
 * notification daemon installed on a developer's machine cannot answer in place of the test's).
 * Stopped, and its folder removed, by {@link #close()}.
 */
public final class SessionBus implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final String address;

    private SessionBus(Process process, Path dir, String address) {
        this.process = process;
        this.dir = dir;
        this.address = address;
    }

    /** The dbus-daemon binary, if installed ({@code scripts/setup.sh} installs it). */
    public static Optional<Path> binary() {
        return program("dbus-daemon");
    }

    /** A program on the PATH. */
    public static Optional<Path> program(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts a bus; skips the test where dbus-daemon is missing, except on CI ({@code CI=true}), where it fails. */
    public static SessionBus start() throws IOException, InterruptedException {
        if (binary().isEmpty()) {
            assertThat(System.getenv("CI")).as("dbus-daemon is missing on CI: scripts/setup.sh must install dbus").isNotEqualTo("true");
            assumeTrue(false, "dbus-daemon is not installed (scripts/setup.sh installs it)");
        }
        Path dir = Files.createTempDirectory("ukey-dbus");
        Path config = dir.resolve("session.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(dir.resolve("bus")));
        Process process = new ProcessBuilder(binary().orElseThrow().toString(), "--config-file=" + config, "--print-address", "--nofork")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            String address = firstLine.get(2, TimeUnit.MINUTES);
            if (address == null || address.isBlank()) {
                throw new IllegalStateException("dbus-daemon printed no address (exit " + process.waitFor() + ")");
            }
            return new SessionBus(process, dir, address.strip());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("dbus-daemon did not start: " + e, e);
        }
    }

    /** The address to connect to, {@code unix:path=…,guid=…}. */
    public String address() {
        return address;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            process.waitFor(1, TimeUnit.MINUTES);
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }
}
