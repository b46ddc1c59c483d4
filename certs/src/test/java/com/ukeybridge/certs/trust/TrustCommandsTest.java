package com.ukeybridge.certs.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ukeybridge.certs.AgentTlsFiles;
import com.ukeybridge.certs.CertsCommand;

import picocli.CommandLine;

/** The picocli commands as the agent's jar runs them, against temporary homes and stores only. */
@Tag("nss")
class TrustCommandsTest {
    private static final Instant CREATED = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path temp;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private Clock clock = Clock.fixed(CREATED, ZoneOffset.UTC);
    private final CommandRunner real = CommandRunner.system();
    private final RecordingRunner runner = new RecordingRunner(
            command -> command.get(0).endsWith("stub-update") ? RecordingRunner.ok(command, "1 added") : real.run(command));

    @CommandLine.Command(name = "ukey-agent")
    static final class TopLevel implements Runnable {
        @Override
        public void run() {
        }
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        TrustEnvironment environment = new TrustEnvironment(
                () -> new Platform(Platform.Os.LINUX, false, temp.resolve("invoker")), runner, clock);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == CertsInstallCommand.class) {
                    return type.cast(new CertsInstallCommand(environment));
                } else if (type == CertsUninstallCommand.class) {
                    return type.cast(new CertsUninstallCommand(environment));
                } else if (type == CertsStatusCommand.class) {
                    return type.cast(new CertsStatusCommand(environment));
                } else if (type == CertsRenewIfNeededCommand.class) {
                    return type.cast(new CertsRenewIfNeededCommand(environment));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine line = new CommandLine(new TopLevel(), factory)
                .addSubcommand("certs", new CommandLine(new CertsCommand(), factory));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private Path dir() {
        return temp.resolve("tls");
    }

    private Path home() {
        return temp.resolve("home/alice");
    }

    /** Every trust command's arguments, with every store pointed into the temporary directory. */
    private String[] args(String command, String... more) {
        List<String> args = new ArrayList<>(List.of("certs", command, "--dir", dir().toString(),
                "--home", home().toString(),
                "--system-ca-dir", temp.resolve("ca").toString(),
                "--update-ca-command", temp.resolve("stub-update") + " --verbose",
                "--firefox-policies", temp.resolve("policies/policies.json").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private Path chromeDatabase() {
        return home().resolve(".local/share/pki/nssdb");
    }

    @Test
    void whenInstallRunsTwice_thenItInstallsThenSaysAlreadyPresentAndExitsZero() throws Exception {
        Files.createDirectories(home());
        AgentTlsFiles.create(dir(), clock);
        LocalRootFile root = LocalRootFile.read(dir());

        assertThat(run(args("install"))).isZero();

        assertThat(err.toString()).isEmpty();
        assertThat(out.toString())
                .contains("Root SHA-256 fingerprint: " + root.sha256())
                .contains("installed         Chrome/Chromium NSS database " + chromeDatabase() + " [" + root.nickname() + "]")
                .contains("not applicable    System CA store " + temp.resolve("ca") + ": machine-wide: used as root, or with --system")
                .contains("not applicable    Firefox profile " + home() + ": no Firefox profile with a certificate database")
                .endsWith("All stores succeeded.\n");
        assertThat(run(args("install"))).isZero();
        assertThat(out.toString()).contains("already present   Chrome/Chromium NSS database " + chromeDatabase());
        assertThat(Nss.linesNaming(chromeDatabase(), root.nickname())).hasSize(1);
    }

    @Test
    void whenSystemIsAsked_thenTheRedirectedSystemStoreAndPolicyAreUsedWithTheGivenUpdateCommand() throws Exception {
        Files.createDirectories(home());
        AgentTlsFiles.create(dir(), clock);
        LocalRootFile root = LocalRootFile.read(dir());

        assertThat(run(args("install", "--system"))).isZero();

        assertThat(temp.resolve("ca").resolve(SystemCaStore.fileName(root))).exists();
        assertThat(Files.readString(temp.resolve("policies/policies.json"))).contains(temp.resolve("policies/ukey-bridge-local-root.pem").toString());
        assertThat(runner.commands).contains(List.of(temp.resolve("stub-update").toString(), "--verbose"));

        assertThat(run(args("uninstall", "--no-system"))).isZero();
        // Recorded stores are cleaned even though --no-system left them out of the selection.
        assertThat(temp.resolve("ca").resolve(SystemCaStore.fileName(root))).doesNotExist();
        assertThat(temp.resolve("policies/policies.json")).doesNotExist();
        assertThat(temp.resolve("policies/ukey-bridge-local-root.pem")).doesNotExist();
        assertThat(runner.commands).contains(List.of(temp.resolve("stub-update").toString(), "--verbose", "--fresh"));
    }

    @Test
    void whenStatusIsAskedAsJson_thenEachStoreHasItsStateAndPath() throws Exception {
        Files.createDirectories(home());
        AgentTlsFiles.create(dir(), clock);
        LocalRootFile root = LocalRootFile.read(dir());
        run(args("install"));

        assertThat(run(args("status", "--json"))).isZero();

        JsonNode status = new ObjectMapper().readTree(out.toString());
        assertThat(status.get("command").asText()).isEqualTo("status");
        assertThat(status.get("ok").asBoolean()).isTrue();
        assertThat(status.get("root").get("sha256").asText()).isEqualTo(root.sha256());
        assertThat(status.get("root").get("file").asText()).isEqualTo(dir().resolve("root.pem").toString());
        List<String> lines = new ArrayList<>();
        status.get("stores").forEach(store -> lines.add(
                store.get("store").asText() + " " + store.get("state").asText() + " " + store.get("location").asText()));
        assertThat(lines).containsExactly(
                "system-ca not-applicable " + temp.resolve("ca"),
                "firefox-policy not-applicable " + temp.resolve("policies/policies.json"),
                "firefox-profile not-applicable " + home(),
                "chrome-nss present " + chromeDatabase());
    }

    @Test
    void whenUninstalled_thenStatusSaysAbsentInPlainText() throws Exception {
        Files.createDirectories(home());
        AgentTlsFiles.create(dir(), clock);
        run(args("install"));

        assertThat(run(args("uninstall"))).isZero();
        assertThat(out.toString()).contains("removed           Chrome/Chromium NSS database " + chromeDatabase());

        assertThat(run(args("status"))).isZero();
        assertThat(out.toString()).contains("absent            Chrome/Chromium NSS database " + chromeDatabase());
        assertThat(dir().resolve(TrustRecord.FILE)).doesNotExist();
    }

    @Test
    void whenThereIsNoRoot_thenInstallAndStatusExitOneAndSaySo() {
        assertThat(run(args("install"))).isEqualTo(1);
        assertThat(err.toString()).startsWith("certs install: TLS file missing: " + dir().resolve("root.pem"));
        assertThat(run(args("status"))).isEqualTo(1);
        assertThat(err.toString()).startsWith("certs status: TLS file missing: ");
    }

    @Test
    void whenAStoreFails_thenTheOthersAreDoneAndTheExitCodeIsOne() throws Exception {
        Files.createDirectories(home());
        AgentTlsFiles.create(dir(), clock);
        Files.createDirectories(temp.resolve("policies"));
        Files.writeString(temp.resolve("policies/policies.json"), "not json");

        assertThat(run(args("install", "--system"))).isEqualTo(1);

        assertThat(out.toString())
                .contains("FAILED            Firefox enterprise policy " + temp.resolve("policies/policies.json"))
                .contains("installed         System CA store")
                .contains("installed         Chrome/Chromium NSS database")
                .endsWith("1 store failed; see above.\n");
    }

    @Test
    void whenNoHomeIsGiven_thenTheInvokingUsersHomeIsUsed() throws Exception {
        AgentTlsFiles.create(dir(), clock);
        Files.createDirectories(temp.resolve("invoker"));

        assertThat(run("certs", "install", "--dir", dir().toString(), "--no-system",
                "--firefox-policies", temp.resolve("p.json").toString(), "--system-ca-dir", temp.resolve("ca").toString())).isZero();

        assertThat(out.toString()).contains("Chrome/Chromium NSS database " + temp.resolve("invoker/.local/share/pki/nssdb"));
    }

    @Test
    void whenHomesUnderIsGiven_thenEveryHomeInItIsUsed() throws Exception {
        Files.createDirectories(temp.resolve("homes/alice"));
        Files.createDirectories(temp.resolve("homes/bob"));
        Files.createDirectories(temp.resolve("homes/lost+found"));
        AgentTlsFiles.create(dir(), clock);

        assertThat(run("certs", "install", "--dir", dir().toString(), "--homes-under", temp.resolve("homes").toString(),
                "--no-system", "--system-ca-dir", temp.resolve("ca").toString())).isZero();

        assertThat(temp.resolve("homes/alice/.local/share/pki/nssdb/cert9.db")).exists();
        assertThat(temp.resolve("homes/bob/.local/share/pki/nssdb/cert9.db")).exists();
        assertThat(temp.resolve("homes/lost+found/.local")).doesNotExist();
    }

    @Test
    void whenTheCertificateHasMoreThanSixtyDaysLeft_thenRenewIfNeededDoesNothing() throws Exception {
        AgentTlsFiles.create(dir(), clock);
        String rootBefore = Files.readString(dir().resolve("root.pem"));
        Instant notAfter = AgentTlsFiles.readAgentCertificate(dir()).getNotAfter().toInstant();
        clock = Clock.fixed(notAfter.minus(Duration.ofDays(61)), ZoneOffset.UTC);

        assertThat(run(args("renew-if-needed"))).isZero();

        assertThat(out.toString()).isEqualTo("Nothing to do: the agent's certificate is valid until " + notAfter
                + ", 61 days from now (at least 60).\n");
        assertThat(Files.readString(dir().resolve("root.pem"))).isEqualTo(rootBefore);
        assertThat(runner.commands).isEmpty();
    }

    @Test
    void whenNothingNeedsRenewingButInstallAnywayIsGiven_thenTheSameRootGoesWhereItIsMissing() throws Exception {
        Files.createDirectories(home());
        AgentTlsFiles.create(dir(), clock);
        String rootBefore = Files.readString(dir().resolve("root.pem"));

        assertThat(run(args("renew-if-needed", "--install-anyway"))).isZero();

        assertThat(Files.readString(dir().resolve("root.pem"))).isEqualTo(rootBefore);
        assertThat(Nss.listing(chromeDatabase())).contains(LocalRootFile.read(dir()).nickname());
    }

    @Test
    void whenTheCertificateHasFewerThanSixtyDaysLeft_thenRenewIfNeededMakesANewRootAndReplacesTheOldOne() throws Exception {
        Files.createDirectories(home());
        AgentTlsFiles.create(dir(), clock);
        LocalRootFile old = LocalRootFile.read(dir());
        assertThat(run(args("install"))).isZero();
        Instant notAfter = AgentTlsFiles.readAgentCertificate(dir()).getNotAfter().toInstant();
        clock = Clock.fixed(notAfter.minus(Duration.ofDays(59)), ZoneOffset.UTC);

        assertThat(run(args("renew-if-needed"))).isZero();

        LocalRootFile renewed = LocalRootFile.read(dir());
        assertThat(renewed.sha256()).isNotEqualTo(old.sha256());
        assertThat(AgentTlsFiles.readAgentCertificate(dir()).getNotBefore().toInstant()).isAfter(notAfter.minus(Duration.ofDays(60)));
        assertThat(out.toString())
                .startsWith("Renewing: the agent's certificate expires " + notAfter + ", 59 days from now (fewer than 60).\n")
                .contains("installed         Chrome/Chromium NSS database " + chromeDatabase() + " [" + renewed.nickname()
                        + "]: removed our older root(s): " + old.nickname());
        assertThat(Nss.listing(chromeDatabase())).contains(renewed.nickname()).doesNotContain(old.nickname());
    }

    @Test
    void whenMinDaysIsLower_thenFiftyNineDaysAreEnough() throws Exception {
        AgentTlsFiles.create(dir(), clock);
        Instant notAfter = AgentTlsFiles.readAgentCertificate(dir()).getNotAfter().toInstant();
        clock = Clock.fixed(notAfter.minus(Duration.ofDays(59)), ZoneOffset.UTC);

        assertThat(run(args("renew-if-needed", "--min-days", "30", "--json"))).isZero();

        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.get("renewed").asBoolean()).isFalse();
        assertThat(result.get("ok").asBoolean()).isTrue();
    }

    @Test
    void whenThereAreNoFilesYet_thenRenewIfNeededCreatesAndInstalls() throws Exception {
        Files.createDirectories(home());

        assertThat(run(args("renew-if-needed"))).isZero();

        assertThat(out.toString()).startsWith("Renewing: TLS file missing: " + dir().resolve("agent-cert.pem"));
        LocalRootFile root = LocalRootFile.read(dir());
        assertThat(Nss.linesNaming(chromeDatabase(), root.nickname())).hasSize(1);
    }

    @Test
    void whenCertsIsRunAlone_thenTheUsageErrorListsTheTrustSubcommands() {
        assertThat(run("certs")).isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("install").contains("uninstall").contains("status").contains("renew-if-needed");
    }

    @Test
    void whenInstallHelpIsAsked_thenItSaysWhereTheRootGoesAndWhoseConfirmationMacOsAsksFor() {
        assertThat(run("certs", "install", "--help")).isZero();

        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--dir=D").contains("--home=DIR").contains("--[no-]system").contains("--json")
                .contains("System keychain as root (an administrator's password unless an MDM profile delivers the trust)")
                .contains("else the user's login keychain (the user's password)")
                .contains("as root, only homes root owns");
    }
}
