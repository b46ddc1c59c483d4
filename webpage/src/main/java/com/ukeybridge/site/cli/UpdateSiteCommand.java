package com.ukeybridge.site.cli;

import com.ukeybridge.site.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Map;

/** {@code java -jar update-site.jar serve|ra|demo …}: the site's command line (design.md, "Interfaces"). */
@Command(name = "update-site", mixinStandardHelpOptions = true, version = "UKey Bridge update site 0.1.0",
        description = "The UKey Bridge certificate update site.",
        subcommands = {ServeCommand.class, RaCommand.class, DemoCommand.class})
public final class UpdateSiteCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /** Runs the command line with these streams and this environment; @return the exit code (0 ok, 1 failed, 2 usage) */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine line = new CommandLine(new UpdateSiteCommand(), new Factory(environment));
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof com.ukeybridge.site.ra.UntrustedCertificateException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return line.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Hands the environment to the commands that read secrets from it. */
    private record Factory(Map<String, String> environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                var constructor = type.getDeclaredConstructor(Map.class);
                constructor.setAccessible(true);
                return constructor.newInstance(environment);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
