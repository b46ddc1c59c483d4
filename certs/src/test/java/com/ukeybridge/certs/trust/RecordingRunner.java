package com.ukeybridge.certs.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The command-runner seam for tests: records every command line, and answers with what
 * {@code answer} says (by default, success with no output), or with the real program.
 */
final class RecordingRunner implements CommandRunner {
    final List<List<String>> commands = new ArrayList<>();
    private final Function<List<String>, CommandResult> answer;

    RecordingRunner() {
        this(command -> new CommandResult(command, 0, "", ""));
    }

    RecordingRunner(Function<List<String>, CommandResult> answer) {
        this.answer = answer;
    }

    /** Records, then really runs the command. */
    static RecordingRunner passingThrough() {
        CommandRunner real = CommandRunner.system();
        return new RecordingRunner(real::run);
    }

    @Override
    public CommandResult run(List<String> command) {
        commands.add(List.copyOf(command));
        return answer.apply(command);
    }

    static CommandResult ok(List<String> command, String output) {
        return new CommandResult(command, 0, output, "");
    }

    static CommandResult failure(List<String> command, int exit, String error) {
        return new CommandResult(command, exit, "", error);
    }
}
