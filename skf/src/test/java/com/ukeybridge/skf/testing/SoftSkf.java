package com.ukeybridge.skf.testing;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.ukeybridge.skf.SkfLibrary;
import com.ukeybridge.skf.jna.Skf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway softskf device folder for tests: a temporary {@code SOFTSKF_DIR}, devices made,
 * unplugged, re-plugged and deleted by {@code softskf-util}, and the library loaded once per JVM.
 *
 * <p>libsoftskf reads {@code SOFTSKF_DIR} from the process environment at every call; a JVM cannot
 * change its own environment, so {@link #create()} calls libc's {@code setenv} through JNA. One
 * fixture is active per JVM at a time (create one per test class, close it in {@code @AfterAll}, run
 * softskf test classes one after another). {@code softskf-util} gets the folder explicitly.
 *
 * <p>The build puts the library and the tool in the folder named by the system property
 * {@code softskf.native} (the skf module's pom sets it to {@code skf/target/native}).
 */
public final class SoftSkf implements AutoCloseable {
    /** Where {@code make} put libsoftskf.so, softskf-util and the layout probes. */
    public static final Path NATIVE = Path.of(System.getProperty("softskf.native", "target/native"));
    public static final Path LIBRARY = NATIVE.resolve("libsoftskf.so");
    public static final Path UTIL = NATIVE.resolve("softskf-util");
    /** The application {@code softskf-util --init} makes. */
    public static final String APPLICATION = "DEFAULT_APP";
    /** The admin (SO) PIN of every device the fixture makes unless told otherwise. */
    public static final String SO_PIN = "12345678";
    /** The factory device-authentication key (SM4), 16 ASCII bytes. */
    public static final byte[] DEV_AUTH_KEY = "1234567812345678".getBytes(StandardCharsets.US_ASCII);
    private static final String VARIABLE = "SOFTSKF_DIR";
    private static SkfLibrary library;
    private static Skf raw;

    private final Path directory;

    private SoftSkf(Path directory) {
        this.directory = directory;
    }

    /** A fresh, empty device folder, made the process's active one. */
    public static SoftSkf create() {
        try {
            SoftSkf skf = new SoftSkf(Files.createTempDirectory("softskf-"));
            skf.activate();
            return skf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points this process's libsoftskf at this folder. */
    public void activate() {
        if (LibC.INSTANCE.setenv(VARIABLE, directory.toAbsolutePath().toString(), 1) != 0) {
            throw new IllegalStateException("setenv(" + VARIABLE + ") failed");
        }
    }

    /** The library, loaded once for the JVM (dlopen once; it reads SOFTSKF_DIR per call). */
    public static synchronized SkfLibrary library() {
        if (library == null) {
            library = new SkfLibrary(raw(), com.ukeybridge.skf.jna.Packing.DEFAULT);
        }
        return library;
    }

    /** The raw binding to the same library, for tests of the C conventions themselves. */
    public static synchronized Skf raw() {
        if (raw == null) {
            raw = Native.load(LIBRARY.toAbsolutePath().toString(), Skf.class);
        }
        return raw;
    }

    public Path directory() {
        return directory;
    }

    /** {@code softskf-util --init}; returns the new device's name. */
    public String initDevice(String label, String userPin) {
        return run("--init", "--label", label, "--pin", userPin, "--so-pin", SO_PIN).output().strip();
    }

    /** {@code softskf-util --init} with more options, e.g. {@code "--retries", "3"}. */
    public String initDevice(String label, String userPin, String... more) {
        List<String> args = new ArrayList<>(List.of("--init", "--label", label, "--pin", userPin, "--so-pin", SO_PIN));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new)).output().strip();
    }

    public void unplug(String deviceName) {
        run("--unplug", "--name", deviceName);
    }

    public void plug(String deviceName) {
        run("--plug", "--name", deviceName);
    }

    public void delete(String deviceName) {
        run("--delete", "--name", deviceName);
    }

    /** Runs softskf-util and requires success. */
    public Result run(String... args) {
        Result result = runAllowingFailure(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("softskf-util " + String.join(" ", args) + " failed (" + result.exitCode()
                    + "): " + result.output());
        }
        return result;
    }

    /** Runs softskf-util; the output is stdout and stderr together. */
    public Result runAllowingFailure(String... args) {
        List<String> command = new ArrayList<>();
        command.add(UTIL.toAbsolutePath().toString());
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(Map.of(VARIABLE, directory.toAbsolutePath().toString()));
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("softskf-util did not finish");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Result(int exitCode, String output) {
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int setenv(String name, String value, int overwrite);
    }
}
