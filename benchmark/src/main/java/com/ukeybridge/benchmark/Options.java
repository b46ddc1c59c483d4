package com.ukeybridge.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The harness's command line; every option has a default that makes the full run. */
record Options(
        Path repo,
        Path launcher,
        Path agentJar,
        Path module,
        Optional<Path> work,
        boolean keep,
        int starts,
        int idleSeconds,
        int warmup,
        int iterations,
        int signIterations,
        int connections,
        Path report,
        String command) {

    static final String USAGE = """
            Usage: java -jar benchmark/target/ukey-benchmark.jar [options]   (scripts/bench.sh builds and runs it)
              --repo DIR            the repository (default: the current folder)
              --launcher FILE       how the agent is started (default: REPO/scripts/ukey-agent)
              --agent-jar FILE      for `certs create` (default: REPO/agent/target/ukey-agent.jar)
              --module FILE         SoftHSM2 (default: $UKEY_SOFTHSM_MODULE or /usr/lib/softhsm/libsofthsm2.so)
              --work DIR            where the token, TLS files and logs go (default: a new temporary folder)
              --keep                keep the work folder afterwards
              --starts N            timed cold starts, after one untimed first start (default 5)
              --idle-seconds N      idle time before reading the agent's RSS (default 60)
              --warmup N            untimed calls per connection before each measurement (default 2000)
              --iterations N        timed getInfo/listTokens calls per connection (default 5000)
              --sign-iterations N   timed sign calls, through the agent and in-process each (default 3000)
              --connections N       the concurrent case (default 8, the agent's cap per origin; the single-connection case always runs)
              --report FILE         also write the report here (default: REPO/benchmark/target/benchmark-report.md)
              --command TEXT        the command to print in the report (scripts/bench.sh passes its own)
            """;

    static Options parse(String[] args) {
        Path repo = Path.of("").toAbsolutePath();
        Path launcher = null;
        Path agentJar = null;
        Path module = Path.of(System.getenv().getOrDefault("UKEY_SOFTHSM_MODULE", "/usr/lib/softhsm/libsofthsm2.so"));
        Path work = null;
        boolean keep = false;
        int starts = 5;
        int idle = 60;
        int warmup = 2000;
        int iterations = 5000;
        int signIterations = 3000;
        int connections = 8;
        Path report = null;
        String command = null;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            if (option.equals("--help") || option.equals("-h")) {
                System.out.print(USAGE);
                System.exit(0);
            }
            if (option.equals("--keep")) {
                keep = true;
                continue;
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            String value = rest.remove(0);
            switch (option) {
                case "--repo" -> repo = Path.of(value).toAbsolutePath();
                case "--launcher" -> launcher = Path.of(value).toAbsolutePath();
                case "--agent-jar" -> agentJar = Path.of(value).toAbsolutePath();
                case "--module" -> module = Path.of(value);
                case "--work" -> work = Path.of(value).toAbsolutePath();
                case "--starts" -> starts = positive(option, value);
                case "--idle-seconds" -> idle = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--iterations" -> iterations = positive(option, value);
                case "--sign-iterations" -> signIterations = positive(option, value);
                case "--connections" -> connections = positive(option, value);
                case "--report" -> report = Path.of(value).toAbsolutePath();
                case "--command" -> command = value;
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (idle < 0 || warmup < 0) {
            throw new IllegalArgumentException("--idle-seconds and --warmup cannot be negative");
        }
        return new Options(repo,
                launcher != null ? launcher : repo.resolve("scripts/ukey-agent"),
                agentJar != null ? agentJar : repo.resolve("agent/target/ukey-agent.jar"),
                module, Optional.ofNullable(work), keep, starts, idle, warmup, iterations, signIterations, connections,
                report != null ? report : repo.resolve("benchmark/target/benchmark-report.md"),
                command != null ? command : "java -jar benchmark/target/ukey-benchmark.jar " + String.join(" ", args));
    }

    private static int positive(String option, String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }
}
