package com.ukeybridge.token.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The control of the chaos token: our own PKCS#11 module in C ({@code pkcs11/src/test/c/chaos},
 * built by the build into {@code pkcs11/target/chaos/libukeychaos.so}) that forwards every call
 * to SoftHSM2 and fails, on command, the ways real USB keys fail: pulled out before, during or
 * after any call, a driver error from a chosen call, a full token, a slow one, PIN counters
 * running down. Open a registry on {@link #module()} instead of {@link SoftHsm#MODULE} (or use
 * {@link TokenFixture#openChaos}); the token then does what the last {@link #set} said.
 *
 * <p>The module reads its control file at every call, so a command takes effect at the next
 * call, whatever thread makes it. Like {@link SoftHsm}, one chaos token is active per JVM at a
 * time (the module reads {@code UKEY_CHAOS_CONTROL} at {@code C_Initialize}); child processes
 * ({@code pkcs11-tool}) get {@link #environment()}.
 */
public final class ChaosToken {
    /** The control file the module reads at every call. */
    public static final String CONTROL_VARIABLE = "UKEY_CHAOS_CONTROL";
    /** The real module it forwards to. */
    public static final String MODULE_VARIABLE = "UKEY_CHAOS_MODULE";
    private static final String LIBRARY = "chaos/libukeychaos.so";

    private final Path control;
    private final Path events;

    private ChaosToken(Path control) {
        this.control = control;
        this.events = control.resolveSibling(control.getFileName() + ".log");
    }

    /**
     * The built module: {@code -Dukey.chaos.module=…}, else the pkcs11 module's build output
     * seen from that module or from a sibling (the agent's tests).
     */
    public static Path module() {
        Optional<String> configured = Optional.ofNullable(System.getProperty("ukey.chaos.module"));
        if (configured.isPresent()) {
            return Path.of(configured.get()).toAbsolutePath();
        }
        for (Path candidate : List.of(Path.of("target", LIBRARY), Path.of("..", "pkcs11", "target", LIBRARY))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("the chaos token is not built: run the pkcs11 module's test-compile (make in "
                + "pkcs11/src/test/c/chaos needs gcc, make and libp11-kit-dev: scripts/setup.sh)");
    }

    /** A chaos token in front of {@code hsm}'s tokens, doing nothing yet, made the process's active one. */
    public static ChaosToken over(SoftHsm hsm) {
        ChaosToken chaos = new ChaosToken(hsm.directory().resolve("chaos-control"));
        chaos.set();
        chaos.activate();
        return chaos;
    }

    /** Points this process's module at this control file; takes effect at the next {@code C_Initialize}. */
    public void activate() {
        ProcessEnvironment.set(CONTROL_VARIABLE, control.toString());
        ProcessEnvironment.set(MODULE_VARIABLE, SoftHsm.MODULE.toString());
    }

    /** What a child process needs to load {@link #module()} on the same tokens and faults (with {@link SoftHsm#environment()}). */
    public Map<String, String> environment() {
        return Map.of(CONTROL_VARIABLE, control.toString(), MODULE_VARIABLE, SoftHsm.MODULE.toString());
    }

    /**
     * From the next call on, the token does what {@code commands} say and nothing else (no command:
     * a healthy token, in its port); trigger counts start again at zero. The file is replaced in
     * one rename, so the module never reads half of it.
     */
    public ChaosToken set(Command... commands) {
        try {
            Path next = Files.createTempFile(control.getParent(), "chaos-control", ".tmp");
            Files.writeString(next, String.join("\n", Stream.of(commands).map(Command::line).toList()) + "\n",
                    StandardCharsets.US_ASCII);
            Files.move(next, control, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token leaves its port: sessions and login are gone, slots show no token. */
    public ChaosToken remove() {
        return set(Command.remove());
    }

    /** The token is back in its port, healthy. */
    public ChaosToken insert() {
        return set(Command.insert());
    }

    /** The triggers that fired so far, in order, as {@code fired <command>} (and {@code unreadable <line>} for bad lines). */
    public List<String> events() {
        try {
            return Files.exists(events) ? Files.readAllLines(events, StandardCharsets.US_ASCII) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code command}, a trigger, has fired. */
    public boolean fired(Command command) {
        return events().contains("fired " + command.line());
    }

    /** When, around the chosen call, the token is pulled out. */
    public enum Moment {
        /** The call fails ({@code CKR_DEVICE_REMOVED} or {@code CKR_TOKEN_NOT_PRESENT}) and does nothing. */
        BEFORE,
        /** The call runs, its answer is lost: the caller sees the removal. */
        DURING,
        /** The call runs and answers; the next finds the token gone. */
        AFTER
    }

    /** The user-PIN flags of {@code C_GetTokenInfo}; from one of them, a wrong PIN moves on to the next. */
    public enum PinState {
        NORMAL("normal"), COUNT_LOW("countLow"), FINAL_TRY("finalTry"), LOCKED("locked");

        private final String word;

        PinState(String word) {
            this.word = word;
        }
    }

    /** One line of the control file; the factories refuse what the module could not read. */
    public record Command(String line) {
        private static final Pattern FUNCTION = Pattern.compile("C_[A-Za-z]+");
        private static final Pattern CKR = Pattern.compile("CKR_[A-Z_]+|0x[0-9a-fA-F]+");

        public Command {
            Objects.requireNonNull(line, "line");
        }

        public static Command remove() {
            return new Command("remove");
        }

        public static Command insert() {
            return new Command("insert");
        }

        /** Pulls the token out at the {@code nth} call of {@code function} (from 1, counted from {@link #set}). */
        public static Command removeAt(Moment moment, String function, int nth) {
            return new Command("remove " + moment.name().toLowerCase(java.util.Locale.ROOT) + " " + function(function) + " " + nth(nth));
        }

        /** The {@code nth} call of {@code function} answers {@code ckr} (a {@code CKR_…} name) without running. */
        public static Command fail(String function, int nth, String ckr) {
            return new Command("fail " + function(function) + " " + nth(nth) + " " + ckr(ckr));
        }

        /** The {@code nth} call of {@code function} runs, then answers {@code ckr}: the caller cannot know it took effect. */
        public static Command failDuring(String function, int nth, String ckr) {
            return new Command(fail(function, nth, ckr).line() + " during");
        }

        /** Creating and generating objects answers {@code CKR_DEVICE_MEMORY}. */
        public static Command full() {
            return new Command("full");
        }

        /** Every call first waits {@code perCall}. */
        public static Command slow(Duration perCall) {
            if (perCall.toMillis() <= 0) {
                throw new IllegalArgumentException("a slow token takes at least a millisecond per call: " + perCall);
            }
            return new Command("slow " + perCall.toMillis());
        }

        public static Command pin(PinState state) {
            return new Command("pin " + state.word);
        }

        private static String function(String function) {
            if (!FUNCTION.matcher(function).matches()) {
                throw new IllegalArgumentException("not a PKCS#11 function name: " + function);
            }
            return function;
        }

        private static int nth(int nth) {
            if (nth < 1) {
                throw new IllegalArgumentException("calls are counted from 1: " + nth);
            }
            return nth;
        }

        private static String ckr(String ckr) {
            if (!CKR.matcher(ckr).matches()) {
                throw new IllegalArgumentException("not a CKR_ name or hex value: " + ckr);
            }
            return ckr;
        }
    }
}
