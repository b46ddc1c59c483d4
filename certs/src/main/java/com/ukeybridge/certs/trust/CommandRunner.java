package com.ukeybridge.certs.trust;

import java.util.List;

/**
 * Runs an external program (certutil, update-ca-certificates, security, certutil.exe) and
 * captures what it printed. The one seam between the trust stores and the operating
 * system's tools, so tests can record or fake the exact command lines.
 */
public interface CommandRunner {
    /**
     * Runs {@code command} to completion, whatever its exit code.
     *
     * @throws CommandFailedException when the program cannot be started or does not finish in time
     */
    CommandResult run(List<String> command);

    /**
     * Runs {@code command} and insists that it succeeded.
     *
     * @throws CommandFailedException naming the command, its exit code and its output when it exits non-zero
     */
    default CommandResult runChecked(List<String> command) {
        CommandResult result = run(command);
        if (result.exitCode() != 0) {
            throw new CommandFailedException(result);
        }
        return result;
    }

    /** The real runner, over {@link ProcessBuilder}. */
    static CommandRunner system() {
        return new ProcessCommandRunner();
    }
}
