package com.ukeybridge.certs.trust;

import java.util.List;

/** An external command could not be run, or exited with an error; the message names the command. */
public final class CommandFailedException extends TrustStoreException {
    private static final long serialVersionUID = 1L;

    CommandFailedException(CommandResult result) {
        super("'" + String.join(" ", result.command()) + "' exited with " + result.exitCode()
                + describe(result.error().isBlank() ? result.output() : result.error()), null);
    }

    CommandFailedException(List<String> command, String problem, Throwable cause) {
        super("'" + String.join(" ", command) + "' could not be run: " + problem, cause);
    }

    private static String describe(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        // Enough to see what went wrong without flooding the console with a tool's full listing.
        return ": " + (trimmed.length() > 500 ? trimmed.substring(0, 500) + "…" : trimmed);
    }
}
