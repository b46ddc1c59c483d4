package com.ukeybridge.installer.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Installs the .deb on this machine as an administrator would, uses it as a desktop user would, and
 * purges it: issue 4's acceptance test. It changes the machine (packages, system CA store, browser
 * policies, a user account), so it runs only as root and only when asked: CI=true (CI sets it) or
 * -Dukey.installer.it=true. Runs in integration-test with the profile package-linux, after the packages
 * are built; -DexcludedTestGroups=installer leaves it out.
 */
@Tag("installer")
class LinuxPackageIT {
    private static final String PACKAGE = "ukey-bridge";
    private static final Path CONFIG = Path.of("/etc/ukey-bridge/config.json");
    private static final Path TLS = Path.of("/var/lib/ukey-bridge/tls");
    private static final Path LAUNCHER = Path.of("/opt/ukey-bridge/bin/ukey-bridge");
    private static final Path SESSION = Path.of("/opt/ukey-bridge/lib/ukey-bridge-session");
    private static final Path SYSTEM_CA = Path.of("/usr/local/share/ca-certificates");
    private static final Path SYSTEM_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    private static final Path FIREFOX_POLICIES = Path.of("/etc/firefox/policies/policies.json");
    private static final List<Path> CHROMIUM_POLICY_DIRS = List.of(Path.of("/etc/opt/chrome/policies/managed"),
            Path.of("/etc/chromium/policies/managed"), Path.of("/etc/opt/edge/policies/managed"));
    /** Made after the installation: only the per-user step at session start can give this user's browser the root. */
    private static final String USER = "ukey-bridge-it";
    private static final Path HOME = Path.of("/home", USER);

    private final List<Process> started = new ArrayList<>();
    private final Map<Path, Boolean> existedBefore = new LinkedHashMap<>();
    private Path deb;
    private Path work;

    @BeforeEach
    void refuseUnlessAskedAndRoot() throws IOException {
        boolean asked = "true".equals(System.getenv("CI")) || Boolean.getBoolean("ukey.installer.it");
        assumeTrue(asked, "LinuxPackageIT changes the machine: it runs with CI=true or -Dukey.installer.it=true, as root");
        if (!"0".equals(Command.run(List.of("id", "-u")).output().trim())) {
            fail("LinuxPackageIT was asked for (CI=true or -Dukey.installer.it=true) but needs root");
        }
        Path target = Path.of(System.getProperty("ukey.installer.target", "target"));
        String version = System.getProperty("ukey.package.version", "0.1.0");
        String arch = Command.run(List.of("dpkg", "--print-architecture")).output().trim();
        deb = target.resolve(PACKAGE + "_" + version + "_" + arch + ".deb").toAbsolutePath();
        assertThat(deb).as("the package built by build-packages.sh").exists();
        assertThat(Command.run(List.of("dpkg-query", "-W", PACKAGE)).succeeded())
                .as("ukey-bridge must not be installed before the test (apt-get purge ukey-bridge)").isFalse();
        work = Files.createTempDirectory("ukey-package-it");
        for (Path path : List.of(Path.of("/etc/opt/chrome"), Path.of("/etc/opt/edge"), Path.of("/etc/chromium/policies"),
                Path.of("/etc/firefox"), FIREFOX_POLICIES)) {
            existedBefore.put(path, Files.exists(path));
        }
    }

    @Test
    void whenInstalledUsedAndPurged_thenTheBrowserTrustsTheAgentAndNothingRemains() throws Exception {
        int agentPort = portFree(28443) ? 28443 : freePort();
        try (TestPage page = new TestPage(agentPort)) {
            // The administrator's configuration, dropped before the package comes.
            Files.createDirectories(CONFIG.getParent());
            String config = """
                    {"port": %d, "allowedOrigins": ["%s"], "updateSiteUrl": "%s/",
                     "pkcs11Modules": ["/usr/lib/softhsm/libsofthsm2.so"], "tlsDir": "%s"}
                    """.formatted(agentPort, page.origin(), page.origin(), TLS);
            Files.writeString(CONFIG, config);

            Command install = Command.run(List.of("apt-get", "install", "-y", "--no-install-recommends", deb.toString()),
                    Map.of("DEBIAN_FRONTEND", "noninteractive"));
            assertThat(install.succeeded()).as("%s", install).isTrue();

            X509Certificate root = certificate(TLS.resolve("root.pem"));
            String nickname = "UKey Bridge local root " + sha256(root).substring(0, 16);
            assertInstalledFiles(config, page.origin(), root);

            Command user = Command.run(List.of("useradd", "--create-home", "--shell", "/bin/sh", USER));
            assertThat(user.succeeded()).as("%s", user).isTrue();
            Path softhsm = userSoftHsm();

            // Control: the agent runs, but this user's NSS database does not hold the root yet, and
            // Chromium on Linux does not take it from the system store: the page cannot connect.
            Process bare = asUser(List.of(LAUNCHER.toString(), "run", "--headless", "--config", CONFIG.toString()), softhsm, "bare-agent");
            awaitHealth(agentPort);
            assertThat(chromium(page)).as("a browser without the per-user step").isEqualTo("websocket error");
            stop(bare);

            // The desktop session: the autostart command, headless here.
            asUser(List.of(SESSION.toString(), "--headless"), softhsm, "session");
            String health = awaitHealth(agentPort);
            assertThat(health).contains("\"status\":\"ok\"");
            assertThat(nssListing(HOME)).as("the user's NSS database after the session step").contains(nickname);

            String answers = chromium(page);
            assertThat(answers).as("the page's getInfo and listTokens through wss://127.0.0.1:%d/v1", agentPort)
                    .contains("\"agent\":\"UKey Bridge\"").contains("\"tokens\":[");
            // The session's agent keeps running: an upgrade leaves it alone, remove must stop it.

            // An upgrade (the same version again: prerm upgrade, then postinst configure) keeps configuration, root and trust.
            Command upgrade = Command.run(List.of("dpkg", "-i", deb.toString()), Map.of("DEBIAN_FRONTEND", "noninteractive"));
            assertThat(upgrade.succeeded()).as("%s", upgrade).isTrue();
            assertThat(CONFIG).hasContent(config);
            assertThat(sha256(certificate(TLS.resolve("root.pem")))).as("the root after an upgrade").isEqualTo(sha256(root));
            assertInstalledFiles(config, page.origin(), root);

            // remove: the program, the running agents, the trust and the policies go; the configuration and the TLS files stay.
            Command remove = Command.run(List.of("apt-get", "remove", "-y", PACKAGE), Map.of("DEBIAN_FRONTEND", "noninteractive"));
            assertThat(remove.succeeded()).as("%s", remove).isTrue();
            assertThat(CONFIG).hasContent(config);
            assertThat(TLS.resolve("root.pem")).exists();
            assertThat(Path.of("/opt/ukey-bridge")).doesNotExist();
            assertNoTrustOrPolicyRemains(root, nickname);

            Command purge = Command.run(List.of("apt-get", "purge", "-y", PACKAGE), Map.of("DEBIAN_FRONTEND", "noninteractive"));
            assertThat(purge.succeeded()).as("%s", purge).isTrue();
            assertNothingRemains(root, nickname);
        }
    }

    private void assertInstalledFiles(String config, String origin, X509Certificate root) throws Exception {
        assertThat(LAUNCHER).isExecutable();
        assertThat(Path.of("/usr/bin/ukey-bridge")).isExecutable();
        assertThat(Path.of("/etc/xdg/autostart/ukey-bridge.desktop")).content().contains("Exec=" + SESSION);
        assertThat(Path.of("/etc/cron.daily/ukey-bridge")).isExecutable();
        assertThat(CONFIG).as("the administrator's configuration is kept").hasContent(config);
        for (String file : List.of("root.pem", "agent-cert.pem", "agent-key.pem")) {
            assertThat(Files.getPosixFilePermissions(TLS.resolve(file)))
                    .as("per-user agents read %s", file).contains(PosixFilePermission.OTHERS_READ)
                    .doesNotContain(PosixFilePermission.OTHERS_WRITE, PosixFilePermission.GROUP_WRITE);
        }
        for (Path dir : CHROMIUM_POLICY_DIRS) {
            assertThat(dir.resolve("ukey-bridge.json")).content()
                    .contains("LoopbackNetworkAllowedForUrls").contains("LocalNetworkAccessAllowedForUrls").contains(origin);
        }
        assertThat(FIREFOX_POLICIES).content().contains("SkipDomains").contains("\"localhost\"")
                .contains("ukey-bridge-local-root.pem");
        assertThat(systemStoreFiles()).hasSize(1);
        assertThat(SYSTEM_BUNDLE).content().contains(base64(root));
        Command status = Command.run(List.of(LAUNCHER.toString(), "certs", "status", "--dir", TLS.toString(), "--system", "--home", "/root"));
        assertThat(status.succeeded()).as("%s", status).isTrue();
    }

    private void assertNothingRemains(X509Certificate root, String nickname) throws Exception {
        assertThat(Command.run(List.of("dpkg-query", "-W", PACKAGE)).succeeded()).isFalse();
        for (Path gone : List.of(Path.of("/opt/ukey-bridge"), Path.of("/usr/bin/ukey-bridge"), Path.of("/usr/bin/ukey-bridge-admin"),
                Path.of("/etc/ukey-bridge"), Path.of("/var/lib/ukey-bridge"), Path.of("/etc/xdg/autostart/ukey-bridge.desktop"),
                Path.of("/etc/cron.daily/ukey-bridge"), HOME.resolve(".local/share/ukey-bridge"))) {
            assertThat(gone).as("after purge").doesNotExist();
        }
        assertNoTrustOrPolicyRemains(root, nickname);
    }

    private void assertNoTrustOrPolicyRemains(X509Certificate root, String nickname) throws Exception {
        for (Path dir : CHROMIUM_POLICY_DIRS) {
            assertThat(dir.resolve("ukey-bridge.json")).doesNotExist();
        }
        existedBefore.forEach((path, existed) -> {
            if (!existed) {
                assertThat(path).as("made by the package, removed by purge").doesNotExist();
            }
        });
        if (Files.exists(FIREFOX_POLICIES)) {
            assertThat(FIREFOX_POLICIES).content().doesNotContain("ukey-bridge").doesNotContain("\"localhost\"");
        }
        assertThat(systemStoreFiles()).isEmpty();
        assertThat(SYSTEM_BUNDLE).content().doesNotContain(base64(root));
        assertThat(nssListing(HOME)).doesNotContain(nickname);
        assertThat(nssListing(Path.of("/root"))).doesNotContain(nickname);
        assertThat(agentProcesses()).as("agents still running").isEmpty();
    }

    /** SoftHSM2 for the test user (its default token folder is root's): the agent loads it through JNA. */
    private Path userSoftHsm() throws IOException {
        Path tokens = Files.createDirectories(HOME.resolve("softhsm-tokens"));
        Path conf = HOME.resolve("softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n");
        Command chown = Command.run(List.of("chown", "-R", USER + ":", tokens.toString(), conf.toString()));
        assertThat(chown.succeeded()).as("%s", chown).isTrue();
        return conf;
    }

    private Process asUser(List<String> command, Path softhsm, String log) throws IOException {
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", USER, "--", "env", "-i", "HOME=" + HOME,
                "USER=" + USER, "PATH=/usr/local/bin:/usr/bin:/bin", "SOFTHSM2_CONF=" + softhsm));
        argv.addAll(command);
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(work.resolve(log + ".log").toFile()).start();
        started.add(process);
        return process;
    }

    /** A fresh profile, no certificate flags; --no-sandbox only because CI machines lack user namespaces. */
    private String chromium(TestPage page) throws Exception {
        Path profile = HOME.resolve("chromium-profile-" + System.nanoTime());
        var result = page.nextResult();
        Process browser = asUser(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--user-data-dir=" + profile, page.origin() + "/"), HOME.resolve("softhsm2.conf"), "chromium");
        try {
            // An upper bound for a hung browser only: the page reports as soon as it is done.
            return result.get(5, TimeUnit.MINUTES);
        } finally {
            stop(browser);
        }
    }

    private String awaitHealth(int port) throws InterruptedException {
        // Polls the agent's own state (/health answers once it listens); the limit is for a hung start only.
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Command last = null;
        while (Instant.now().isBefore(deadline)) {
            // No --cacert: the system store the package added the root to.
            last = Command.run(List.of("curl", "-fsS", "https://127.0.0.1:" + port + "/health"));
            if (last.succeeded()) {
                return last.output();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No /health within 3 minutes: " + last + logs());
    }

    private String nssListing(Path home) {
        StringBuilder listing = new StringBuilder();
        for (Path db : List.of(home.resolve(".pki/nssdb"), home.resolve(".local/share/pki/nssdb"))) {
            if (Files.exists(db.resolve("cert9.db"))) {
                listing.append(Command.run(List.of("certutil", "-L", "-d", "sql:" + db)).output());
            }
        }
        return listing.toString();
    }

    private static List<Path> systemStoreFiles() throws IOException {
        try (Stream<Path> files = Files.list(SYSTEM_CA)) {
            return files.filter(file -> file.getFileName().toString().startsWith("ukey-bridge-local-root")).toList();
        }
    }

    private static List<Long> agentProcesses() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.startsWith(LAUNCHER.toString())).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        started.remove(process);
    }

    private void stopAll() throws InterruptedException {
        for (Process process : List.copyOf(started)) {
            stop(process);
        }
    }

    private String logs() {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(work)) {
            for (Path file : files.toList()) {
                text.append("\n--- ").append(file.getFileName()).append('\n').append(Files.readString(file));
            }
        } catch (IOException e) {
            text.append("\n(logs unreadable: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    /** Whatever happened above, the machine is handed back: no agent, no package, no test user. */
    @AfterEach
    void handBackTheMachine() throws InterruptedException {
        if (deb == null) {
            return;
        }
        stopAll();
        if (Command.run(List.of("dpkg-query", "-W", PACKAGE)).succeeded()) {
            Command.run(List.of("apt-get", "purge", "-y", PACKAGE), Map.of("DEBIAN_FRONTEND", "noninteractive"));
        }
        Command.run(List.of("userdel", "--remove", USER));
        Command.run(List.of("rm", "-rf", "/tmp/hsperfdata_" + USER));   // the JVM's, outside the home userdel removes
        Command.run(List.of("rm", "-f", CONFIG.toString()));   // ours; purge normally took it already
        Command.run(List.of("rm", "-rf", work.toString()));
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    private static String sha256(X509Certificate certificate) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    /** The first PEM line of the certificate's base64: enough to find it in a bundle. */
    private static String base64(X509Certificate certificate) throws Exception {
        return Base64.getEncoder().encodeToString(certificate.getEncoded()).substring(0, 64);
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
