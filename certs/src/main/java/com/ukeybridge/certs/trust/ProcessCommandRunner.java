package com.ukeybridge.certs.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands with {@link ProcessBuilder}: no standard input (so a tool that would prompt
 * fails instead of hanging), both output streams captured, a time limit.
 */
final class ProcessCommandRunner implements CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessCommandRunner.class);

    /** Generous: update-ca-certificates rehashes every root and runs its hooks (the Java keystore). */
    static final Duration TIME_LIMIT = Duration.ofMinutes(3);

    @Override
    public CommandResult run(List<String> command) {
        LOG.debug("Running {}", command);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
        } catch (IOException e) {
            throw new CommandFailedException(command, String.valueOf(e.getMessage()), e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> error = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CommandFailedException(command, "did not finish within " + TIME_LIMIT.toMinutes() + " minutes", null);
            }
            CommandResult result = new CommandResult(command, process.exitValue(), output.get(), error.get());
            LOG.debug("{} exited with {}", command, result.exitCode());
            return result;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandFailedException(command, "interrupted", e);
        } catch (ExecutionException e) {
            throw new CommandFailedException(command, "its output could not be read", e.getCause());
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String read(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            stream.transferTo(bytes);
            return bytes.toString(Charset.defaultCharset());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
