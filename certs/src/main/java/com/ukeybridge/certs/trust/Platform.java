package com.ukeybridge.certs.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The operating system we run on, whether we may change machine-wide stores (root,
 * an elevated administrator), and the invoking user's home.
 */
public record Platform(Os os, boolean elevated, Path userHome) {
    public enum Os { LINUX, WINDOWS, MACOS, OTHER }

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(userHome, "userHome");
    }

    /** This process's platform; {@code runner} asks Windows whether the process is elevated. */
    public static Platform detect(CommandRunner runner) {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (name.startsWith("windows")) {
            return new Platform(Os.WINDOWS, windowsElevated(runner), home);
        }
        if (name.startsWith("mac")) {
            return new Platform(Os.MACOS, unixRoot(), home);
        }
        if (name.startsWith("linux")) {
            // Under sudo too: root's own home, never SUDO_USER's (root does not act on another user's files).
            return new Platform(Os.LINUX, unixRoot(), home);
        }
        return new Platform(Os.OTHER, false, home);
    }

    /** The High Mandatory Level SID is in an elevated administrator's token, and only there. */
    static boolean windowsElevated(CommandRunner runner) {
        try {
            CommandResult groups = runner.run(List.of("whoami", "/groups"));
            return groups.succeeded() && groups.output().contains("S-1-16-12288");
        } catch (CommandFailedException e) {
            return false;
        }
    }

    /** The effective uid, the second number of the {@code Uid:} line in /proc/self/status. */
    private static boolean unixRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] fields = line.substring(4).trim().split("\\s+");
                    return fields.length > 1 && fields[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // macOS has no /proc; fall through to the user name.
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
