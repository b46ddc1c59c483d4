package com.ukeybridge.installer.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command the package test runs on the machine, and what it printed. */
record Command(List<String> argv, int exitCode, String output) {
    static Command run(List<String> argv) {
        return run(argv, Map.of());
    }

    static Command run(List<String> argv, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + argv);
            }
            return new Command(argv, process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + argv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + argv, e);
        }
    }

    boolean succeeded() {
        return exitCode == 0;
    }

    @Override
    public String toString() {
        return String.join(" ", argv) + " -> exit " + exitCode + "\n" + output;
    }
}
