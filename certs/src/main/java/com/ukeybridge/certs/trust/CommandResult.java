package com.ukeybridge.certs.trust;

import java.util.List;

/** What a finished command printed, and how it exited. Output and error are kept apart. */
public record CommandResult(List<String> command, int exitCode, String output, String error) {
    public CommandResult {
        command = List.copyOf(command);
        output = output == null ? "" : output;
        error = error == null ? "" : error;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
