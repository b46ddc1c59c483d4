package com.ukeybridge.agent.x11;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's {@code main} in a fresh JVM on the given X display, with the test classpath,
 * so real windows never touch the headless Surefire JVM the other tests share.
 */
public final class ChildJvm {
    /** What the child did: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {
    }

    private ChildJvm() {
    }

    public static Result run(String display, Class<?> main, Path log, String... args) throws IOException, InterruptedException {
        // Surefire's booter jar may be all java.class.path holds; it publishes the real test classpath here.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=false",
                "-Duser.language=zh", "-Duser.country=CN",
                "-Dfile.encoding=UTF-8",
                "-cp", classpath,
                main.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", display);
        builder.environment().remove("WAYLAND_DISPLAY");
        // No session bus: on a developer's desktop a StatusNotifierWatcher would take the tray, and these tests check the window.
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        builder.environment().remove("XDG_RUNTIME_DIR");
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Result(-1, "timed out\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
