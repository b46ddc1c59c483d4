package com.ukeybridge.token.testing;

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
 * A throwaway SoftHSM2 installation for tests: a temporary directory with its own
 * {@code softhsm2.conf} (file object store, {@code tokendir} inside the directory) and tokens
 * initialised by {@code softhsm2-util}.
 *
 * <h2>How the library finds this configuration</h2>
 * SoftHSM reads {@code SOFTHSM2_CONF} from the process environment at every {@code C_Initialize}
 * (and forgets everything at {@code C_Finalize}). A JVM cannot change its own environment, so
 * {@link #create()} and {@link #activate()} call libc's {@code setenv} ({@link ProcessEnvironment}). Consequences:
 * <ul>
 *   <li>Create (or {@link #activate()}) the fixture <em>before</em> opening a
 *       {@code TokenRegistry} on {@link #MODULE}; the registry's {@code C_Initialize} then reads it.</li>
 *   <li>One fixture is active per JVM at a time. Close every registry (its {@code close()} calls
 *       {@code C_Finalize}) before activating another fixture, e.g. per test class in
 *       {@code @BeforeAll}/{@code @AfterAll}; several test classes in one Surefire JVM then work
 *       one after the other. Do not run SoftHSM test classes in parallel in one JVM.</li>
 *   <li>Child processes ({@code softhsm2-util}, {@code pkcs11-tool}) get {@link #environment()}
 *       explicitly, since Java hands them its own copy of the environment.</li>
 * </ul>
 *
 * <h2>Insertion and removal</h2>
 * SoftHSM 2.6 reads its token directory at {@code C_Initialize} and when {@code C_GetSlotList}
 * is called (see {@code SoftHsmBehaviourTest} for what it notices); real hot-plug cannot be had,
 * so tests that need it hide slots with {@link FaultInjectingCryptoki} or pull the token out of
 * the {@link ChaosToken}, a PKCS#11 module of ours in front of SoftHSM.
 *
 * <p>Typical use from another module's test (depend on {@code ukey-pkcs11} {@code test-jar}):
 * <pre>{@code
 * SoftHsm hsm = SoftHsm.create();
 * hsm.initToken("Alice", "123456");
 * try (TokenRegistry registry = TokenRegistry.open(List.of(SoftHsm.MODULE), Duration.ofMillis(200), Duration.ofSeconds(5))) {
 *     Token token = registry.tokens().get(0);
 *     TestCertificates.provision(token, "123456".toCharArray(), KeyAlgorithm.RSA_2048, "CN=Alice", Duration.ofDays(30));
 * }
 * hsm.close();
 * }</pre>
 */
public final class SoftHsm implements AutoCloseable {
    /** The SoftHSM2 library; {@code UKEY_SOFTHSM_MODULE} overrides it on machines that put it elsewhere. */
    public static final Path MODULE = Path.of(System.getenv().getOrDefault("UKEY_SOFTHSM_MODULE", "/usr/lib/softhsm/libsofthsm2.so"));
    /** The SO PIN of every token the fixture makes. */
    public static final String SO_PIN = "12345678";
    private static final String CONF_VARIABLE = "SOFTHSM2_CONF";

    private final Path directory;
    private final Path conf;

    private SoftHsm(Path directory) {
        this.directory = directory;
        this.conf = directory.resolve("softhsm2.conf");
    }

    /** A fresh, empty SoftHSM (no initialised token yet), made the process's active one. */
    public static SoftHsm create() {
        try {
            Path directory = Files.createTempDirectory("softhsm-");
            Path tokens = Files.createDirectory(directory.resolve("tokens"));
            SoftHsm hsm = new SoftHsm(directory);
            Files.writeString(hsm.conf, String.join("\n",
                    "directories.tokendir = " + tokens.toAbsolutePath(),
                    "objectstore.backend = file",
                    "log.level = ERROR",
                    "slots.removable = false",
                    "slots.mechanisms = ALL",
                    "library.reset_on_fork = false",
                    ""), StandardCharsets.UTF_8);
            hsm.activate();
            return hsm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points {@code SOFTHSM2_CONF} of this process at this fixture; takes effect at the next {@code C_Initialize}. */
    public void activate() {
        ProcessEnvironment.set(CONF_VARIABLE, conf.toAbsolutePath().toString());
    }

    public Path modulePath() {
        return MODULE;
    }

    public Path confPath() {
        return conf;
    }

    public Path directory() {
        return directory;
    }

    /** What a child process needs to see this fixture's tokens. */
    public Map<String, String> environment() {
        return Map.of(CONF_VARIABLE, conf.toAbsolutePath().toString());
    }

    /** Initialises a token in the first free slot with the SO PIN {@link #SO_PIN}. */
    public SoftHsm initToken(String label, String userPin) {
        run(List.of("softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", SO_PIN, "--pin", userPin));
        return this;
    }

    /** Deletes the token with {@code label} from the store. */
    public SoftHsm deleteToken(String label) {
        run(List.of("softhsm2-util", "--delete-token", "--token", label));
        return this;
    }

    /** Runs {@code pkcs11-tool --module MODULE args...} against this fixture and answers its output; fails on a non-zero exit. */
    public String pkcs11Tool(String... args) {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", MODULE.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    /**
     * Runs {@code pkcs11-tool --module module args...} on this fixture's tokens through another
     * module (the {@link ChaosToken}), with that module's {@code environment} beside this fixture's.
     */
    public String pkcs11Tool(Path module, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", module.toString()));
        command.addAll(List.of(args));
        return new String(runForBytes(command, environment), StandardCharsets.UTF_8);
    }

    /** Like {@link #pkcs11Tool}, but the output is raw bytes (for {@code --read-object}). */
    public byte[] pkcs11ToolBytes(String... args) {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", MODULE.toString()));
        command.addAll(List.of(args));
        return runForBytes(command);
    }

    private String run(List<String> command) {
        return new String(runForBytes(command), StandardCharsets.UTF_8);
    }

    private byte[] runForBytes(List<String> command) {
        return runForBytes(command, Map.of());
    }

    private byte[] runForBytes(List<String> command, Map<String, String> moreEnvironment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
            builder.environment().putAll(environment());
            builder.environment().putAll(moreEnvironment);
            Path stderr = Files.createTempFile(directory, "stderr", ".txt");
            builder.redirectError(stderr.toFile());
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", redactPins(command)) + " exited with " + process.exitValue()
                        + ": " + Files.readString(stderr) + new String(out, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> redactPins(List<String> command) {
        List<String> shown = new ArrayList<>(command);
        for (int i = 1; i < shown.size(); i++) {
            if (shown.get(i - 1).matches("--(so-)?pin")) {
                shown.set(i, "***");
            }
        }
        return shown;
    }

    /** Deletes the directory. The process's {@code SOFTHSM2_CONF} keeps pointing here until another fixture activates. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
