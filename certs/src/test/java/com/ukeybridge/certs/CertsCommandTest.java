package com.ukeybridge.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class CertsCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** As the agent will: "certs" as a subcommand of its own top-level command. */
    @CommandLine.Command(name = "ukey-agent")
    static final class TopLevel implements Runnable {
        @Override
        public void run() {
        }
    }

    private int run(String... args) {
        CommandLine line = new CommandLine(new TopLevel()).addSubcommand(new CertsCommand());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void whenCreateRuns_thenItWritesTheFilesAndPrintsPathsAndRootFingerprint() throws Exception {
        int exit = run("certs", "create", "--dir", dir.toString());

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-256").digest(TestPem.root(dir).getEncoded()));
        assertThat(out.toString())
                .contains("Wrote " + dir.toAbsolutePath().resolve("root.pem"))
                .contains("Wrote " + dir.toAbsolutePath().resolve("agent-cert.pem"))
                .contains("Wrote " + dir.toAbsolutePath().resolve("agent-key.pem"))
                .contains("Root SHA-256 fingerprint: " + fingerprint)
                .contains("Root: CN=UKey Bridge local root (")
                .contains("The root's private key was not written anywhere. No trust store was changed.");
        assertThat(out.toString()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void whenDirIsRelative_thenPrintedPathsAreAbsolute() {
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("rel"));

        assertThat(run("certs", "create", "--dir", relative.toString())).isZero();

        assertThat(out.toString()).contains("Wrote " + dir.resolve("rel").resolve("root.pem"));
    }

    @Test
    void whenDirIsMissing_thenUsageErrorAndNothingIsWritten() throws Exception {
        int exit = run("certs", "create");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing required option: '--dir=D'");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void whenNoSubcommandIsGiven_thenUsageErrorListsCreate() {
        int exit = run("certs");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing required subcommand").contains("create");
    }

    @Test
    void whenDirCannotBeWritten_thenItExitsWithOneAndSaysWhere() throws Exception {
        Path file = Files.writeString(dir.resolve("occupied"), "x");

        int exit = run("certs", "create", "--dir", file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualToIgnoringNewLines(
                "certs create: Could not write TLS files at " + file + ": exists and is not a directory");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void whenHelpIsAsked_thenCreateDescribesWhatItWrites() {
        assertThat(run("certs", "create", "--help")).isZero();

        assertThat(out.toString()).contains("--dir=D").contains("root.pem").contains("Does not change any trust store");
    }
}
