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
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * Installs the .deb on this machine as an administrator would, uses it as two desktop users at once
 * would, renews, upgrades, removes and purges it, with every user's NSS database booby-trapped: a
 * {@code library=} line in its {@code pkcs11.txt} names a marker library that records the uid that
 * loads it. Root must never load it (issue 9), each user's agent serves a certificate only that
 * user's browsers trust, and the second user's browser refuses the first user's agent and finds its
 * own on the next port. It changes the machine (packages, browser policies, user accounts), so it
 * runs only as root and only when asked: CI=true (CI sets it) or -Dukey.installer.it=true. Runs in
 * integration-test with the profile package-linux, after the packages are built;
 * -DexcludedTestGroups=installer leaves it out.
 */
@Tag("installer")
class LinuxPackageIT {
    private static final String PACKAGE = "ukey-bridge";
    private static final Path CONFIG = Path.of("/etc/ukey-bridge/config.json");
    private static final Path STATE = Path.of("/var/lib/ukey-bridge");
    private static final Path LAUNCHER = Path.of("/opt/ukey-bridge/bin/ukey-bridge");
    private static final Path SESSION = Path.of("/opt/ukey-bridge/lib/ukey-bridge-session");
    private static final Path CRON = Path.of("/etc/cron.daily/ukey-bridge");
    private static final Path FIREFOX_POLICIES = Path.of("/etc/firefox/policies/policies.json");
    private static final List<Path> CHROMIUM_POLICY_DIRS = List.of(Path.of("/etc/opt/chrome/policies/managed"),
            Path.of("/etc/chromium/policies/managed"), Path.of("/etc/opt/edge/policies/managed"));
    /** World-writable (sticky), so that every uid that loads the marker can say so: loaded-by-UID. */
    private static final Path MARKER = Path.of("/var/tmp/ukey-package-it-marker");
    /** Root's folder that the third user's data folder points at: nothing of it may change. */
    private static final Path SENTINEL = Path.of("/var/tmp/ukey-package-it-sentinel");

    /** Made before the installation, so that every maintainer step could reach their homes. */
    private static final User ALICE = new User("ukey-it-alice");
    private static final User BOB = new User("ukey-it-bob");
    /** Never logs in; the data folder is a symbolic link to root's SENTINEL. */
    private static final User MALLORY = new User("ukey-it-mallory");

    private final List<Process> started = new ArrayList<>();
    private final Map<Path, Boolean> existedBefore = new LinkedHashMap<>();
    private Path deb;
    private Path work;

    record User(String name) {
        Path home() {
            return Path.of("/home", name);
        }

        Path tls() {
            return home().resolve(".local/share/ukey-bridge/tls");
        }

        Path data() {
            return home().resolve(".local/share/ukey-bridge");
        }

        Path nssdb() {
            return home().resolve(".pki/nssdb");
        }
    }

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
    void whenTwoUsersUseThePackage_thenEachReachesOnlyTheirOwnAgentAndRootNeverLoadsTheirModules() throws Exception {
        List<Integer> ports = agentPorts();
        try (TestPage page = new TestPage(ports)) {
            plantMarkerLibrary();
            for (User user : List.of(ALICE, BOB, MALLORY)) {
                addUser(user);
            }
            plantSymlinkToRootsFolder(MALLORY);

            // The administrator's configuration, dropped before the package comes; the default ports unless taken here.
            Files.createDirectories(CONFIG.getParent());
            String config = """
                    {%s"allowedOrigins": ["%s"], "updateSiteUrl": "%s/", "pkcs11Modules": ["/usr/lib/softhsm/libsofthsm2.so"]}
                    """.formatted(ports.equals(List.of(28443, 28444, 28445, 28446)) ? "" : "\"ports\": " + ports + ", ",
                    page.origin(), page.origin());
            Files.writeString(CONFIG, config);

            assertSucceeds(List.of("apt-get", "install", "-y", "--no-install-recommends", deb.toString()));
            assertRootNeverLoadedTheMarker("install");
            assertThat(STATE.resolve("tls")).as("no machine-wide TLS identity").doesNotExist();
            assertPolicies(page.origin());

            // Both desktop sessions at once, headless here: each user's own identity, on the first free port each.
            asUser(ALICE, List.of(SESSION.toString(), "--headless"), "alice-session");
            assertThat(awaitHealth(ports.get(0), ALICE)).contains("\"status\":\"ok\"");
            asUser(BOB, List.of(SESSION.toString(), "--headless"), "bob-session");
            assertThat(awaitHealth(ports.get(1), BOB)).contains("\"status\":\"ok\"");
            assertThat(awaitHealth(ports.get(0), ALICE)).as("alice's agent, still running beside bob's").contains("\"status\":\"ok\"");
            for (User user : List.of(ALICE, BOB)) {
                assertOwnIdentity(user);
                assertThat(MARKER.resolve("loaded-by-" + uid(user))).as("the trap is armed: %s's own certutil loaded it", user.name())
                        .exists();
            }
            assertThat(sha256(root(ALICE))).isNotEqualTo(sha256(root(BOB)));

            // Bob's Chromium trusts bob's root only: alice's agent on the first port is refused at TLS, bob's on the next answers.
            List<String> seen = chromium(BOB, page);
            assertThat(seen).as("bob's browser, trying %s", ports)
                    .startsWith(ports.get(0) + ": refused", ports.get(1) + ": ok");
            assertThat(String.join("\n", seen)).contains("\"agent\":\"UKey Bridge\"").contains("\"tokens\":[");

            // An upgrade (the same version again: prerm upgrade, then postinst configure) keeps each user's identity and trust.
            String aliceRoot = sha256(root(ALICE));
            assertSucceeds(List.of("dpkg", "-i", deb.toString()));
            assertRootNeverLoadedTheMarker("upgrade");
            assertThat(CONFIG).hasContent(config);
            assertThat(sha256(root(ALICE))).isEqualTo(aliceRoot);
            assertThat(nssListing(ALICE)).contains(nickname(root(ALICE)));

            // The daily renewal, with alice's certificate gone: a new identity for alice, made and trusted as alice.
            Files.delete(ALICE.tls().resolve("agent-cert.pem"));
            // Mallory's step fails as mallory (her data folder is root's); the job says so and goes on with the others.
            Command renewal = Command.run(List.of(CRON.toString()));
            assertThat(renewal.output()).as("%s", renewal).contains("ukey-it-mallory: chmod:").contains("Operation not permitted")
                    .contains("ukey-it-alice: Renewing").contains("ukey-it-bob: Nothing to do");
            assertRootNeverLoadedTheMarker("renewal");
            assertSentinelUntouched();
            assertThat(sha256(root(ALICE))).as("alice's renewed root").isNotEqualTo(aliceRoot);
            assertThat(nssListing(ALICE)).contains(nickname(root(ALICE))).doesNotContain("UKey Bridge local root " + aliceRoot.substring(0, 16));
            assertOwnIdentity(ALICE);

            // remove: the program, the running agents, the trust and the policies go; configuration and users' files stay.
            assertSucceeds(List.of("apt-get", "remove", "-y", PACKAGE));
            assertRootNeverLoadedTheMarker("remove");
            assertThat(CONFIG).hasContent(config);
            assertThat(Path.of("/opt/ukey-bridge")).doesNotExist();
            assertThat(ALICE.tls().resolve("root.pem")).exists();
            assertNoTrustOrPolicyRemains();
            assertSentinelUntouched();

            assertSucceeds(List.of("apt-get", "purge", "-y", PACKAGE));
            assertRootNeverLoadedTheMarker("purge");
            assertNothingRemains();
        }
    }

    private static List<Integer> agentPorts() throws IOException {
        List<Integer> defaults = List.of(28443, 28444, 28445, 28446);
        if (defaults.stream().allMatch(LinuxPackageIT::portFree)) {
            return defaults;
        }
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < 3) {
            int port = freePort();
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    /** A shared library whose constructor records the effective uid of whoever loads it. */
    private void plantMarkerLibrary() throws IOException {
        Files.createDirectories(MARKER);
        Files.setPosixFilePermissions(MARKER, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertSucceeds(List.of("chmod", "1777", MARKER.toString()));
        Path source = MARKER.resolve("marker.c");
        Files.writeString(source, """
                #include <fcntl.h>
                #include <stdio.h>
                #include <unistd.h>
                __attribute__((constructor)) static void mark(void) {
                    char path[256];
                    snprintf(path, sizeof path, "%s/loaded-by-%%d", (int) geteuid());
                    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0666);
                    if (fd >= 0) { (void) write(fd, "loaded\\n", 7); close(fd); }
                }
                """.formatted(MARKER));
        assertSucceeds(List.of("gcc", "-shared", "-fPIC", "-o", MARKER.resolve("marker.so").toString(), source.toString()));
    }

    /** The account, its SoftHSM2 token folder, and its own NSS database with the marker in pkcs11.txt, all made as the user. */
    private void addUser(User user) throws IOException {
        Command.run(List.of("userdel", "--remove", user.name()));   // a leftover of an interrupted run
        assertSucceeds(List.of("useradd", "--create-home", "--shell", "/bin/sh", user.name()));
        assertSucceeds(runAs(user, List.of("mkdir", "-p", user.nssdb().toString(), user.home().resolve("softhsm-tokens").toString())));
        assertSucceeds(runAs(user, List.of("certutil", "-N", "--empty-password", "-d", "sql:" + user.nssdb())));
        assertSucceeds(runAs(user, List.of("sh", "-c", "printf 'library=%s\\nname=marker\\n\\n' \"$1\" >>\"$2\"",
                "sh", MARKER.resolve("marker.so").toString(), user.nssdb().resolve("pkcs11.txt").toString())));
        assertSucceeds(runAs(user, List.of("sh", "-c", "printf 'directories.tokendir = %s\\nobjectstore.backend = file\\n' \"$1\" >\"$2\"",
                "sh", user.home().resolve("softhsm-tokens").toString(), softhsm(user).toString())));
    }

    /** Mallory's data folder leads to a folder of root's, holding what 0.1.0's purge deleted and chmodded as root. */
    private void plantSymlinkToRootsFolder(User user) throws IOException {
        Files.createDirectories(SENTINEL.resolve("trust"));
        Files.createDirectories(SENTINEL.resolve("logs"));
        Files.createDirectories(SENTINEL.resolve("tls"));
        Files.writeString(SENTINEL.resolve("trust/root.pem"), "root's file");
        Files.writeString(SENTINEL.resolve("tls/root.pem"), "root's file");
        Files.setPosixFilePermissions(SENTINEL, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertSucceeds(runAs(user, List.of("mkdir", "-p", user.home().resolve(".local/share").toString())));
        assertSucceeds(runAs(user, List.of("ln", "-s", SENTINEL.toString(), user.data().toString())));
    }

    private void assertSentinelUntouched() throws IOException {
        assertThat(SENTINEL.resolve("trust/root.pem")).hasContent("root's file");
        assertThat(SENTINEL.resolve("tls/root.pem")).hasContent("root's file");
        assertThat(SENTINEL.resolve("logs")).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(SENTINEL))).isEqualTo("rwxr-xr-x");
    }

    private static void assertRootNeverLoadedTheMarker(String step) {
        assertThat(MARKER.resolve("loaded-by-0")).as("the marker library loaded as root during %s", step).doesNotExist();
    }

    private void assertOwnIdentity(User user) throws Exception {
        Path key = user.tls().resolve("agent-key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).as("%s's key", user.name()).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(user.tls()))).isEqualTo("rwx------");
        assertThat(Files.getOwner(key).getName()).isEqualTo(user.name());
        assertThat(nssListing(user)).as("%s's NSS database", user.name()).contains(nickname(root(user)));
    }

    private void assertPolicies(String origin) {
        assertThat(LAUNCHER).isExecutable();
        assertThat(Path.of("/etc/xdg/autostart/ukey-bridge.desktop")).content().contains("Exec=" + SESSION);
        assertThat(CRON).isExecutable();
        assertThat(CONFIG).content().doesNotContain("tlsDir");
        for (Path dir : CHROMIUM_POLICY_DIRS) {
            assertThat(dir.resolve("ukey-bridge.json")).content()
                    .contains("LoopbackNetworkAllowedForUrls").contains("LocalNetworkAccessAllowedForUrls").contains(origin);
        }
        assertThat(FIREFOX_POLICIES).content().contains("SkipDomains").contains("\"localhost\"");
    }

    private void assertNothingRemains() throws Exception {
        assertThat(Command.run(List.of("dpkg-query", "-W", PACKAGE)).succeeded()).isFalse();
        for (Path gone : List.of(Path.of("/opt/ukey-bridge"), Path.of("/usr/bin/ukey-bridge"), Path.of("/usr/bin/ukey-bridge-admin"),
                Path.of("/etc/ukey-bridge"), STATE, Path.of("/etc/xdg/autostart/ukey-bridge.desktop"), CRON,
                ALICE.data(), BOB.data(), MALLORY.data())) {
            assertThat(gone).as("after purge").doesNotExist();
        }
        assertNoTrustOrPolicyRemains();
        assertSentinelUntouched();
    }

    private void assertNoTrustOrPolicyRemains() {
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
        for (User user : List.of(ALICE, BOB)) {
            assertThat(nssListing(user)).as("%s's NSS database", user.name()).doesNotContain("UKey Bridge local root");
        }
        assertThat(agentProcesses()).as("agents still running").isEmpty();
    }

    private static Path softhsm(User user) {
        return user.home().resolve("softhsm2.conf");
    }

    private static List<String> runAs(User user, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", user.name(), "--", "env", "-i", "HOME=" + user.home(),
                "USER=" + user.name(), "PATH=/usr/local/bin:/usr/bin:/bin"));
        argv.addAll(command);
        return argv;
    }

    private Process asUser(User user, List<String> command, String log) throws IOException {
        List<String> argv = new ArrayList<>(runAs(user, List.of("SOFTHSM2_CONF=" + softhsm(user))));
        argv.addAll(command);
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(work.resolve(log + ".log").toFile()).start();
        started.add(process);
        return process;
    }

    /** A fresh profile, no certificate flags; --no-sandbox only because CI machines lack user namespaces. */
    private List<String> chromium(User user, TestPage page) throws Exception {
        Path profile = user.home().resolve("chromium-profile-" + System.nanoTime());
        var result = page.nextResult();
        Process browser = asUser(user, List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + profile, page.origin() + "/"), user.name() + "-chromium");
        try {
            // An upper bound for a hung browser only: the page reports as soon as it is done.
            return result.get(5, TimeUnit.MINUTES).lines().toList();
        } finally {
            stop(browser);
        }
    }

    /** /health over TLS, trusting only {@code user}'s own root: what answers is that user's agent; the limit is for a hung start only. */
    private String awaitHealth(int port, User user) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Command last = null;
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(user.tls().resolve("root.pem"))) {
                last = Command.run(List.of("curl", "-fsS", "--cacert", user.tls().resolve("root.pem").toString(),
                        "https://127.0.0.1:" + port + "/health"));
                if (last.succeeded()) {
                    return last.output();
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No /health from " + user.name() + "'s agent on " + port + " within 3 minutes: " + last + logs());
    }

    /** Listed as the user: certutil as root would load the user's pkcs11.txt modules, the very thing under test. */
    private static String nssListing(User user) {
        if (!Files.exists(user.nssdb().resolve("cert9.db"))) {
            return "";
        }
        return Command.run(runAs(user, List.of("certutil", "-L", "-d", "sql:" + user.nssdb()))).output();
    }

    private static String uid(User user) {
        return Command.run(List.of("id", "-u", user.name())).output().trim();
    }

    private static X509Certificate root(User user) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(user.tls().resolve("root.pem"))));
    }

    private static String nickname(X509Certificate root) throws Exception {
        return "UKey Bridge local root " + sha256(root).substring(0, 16);
    }

    private static List<Long> agentProcesses() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.startsWith(LAUNCHER.toString())).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private static void assertSucceeds(List<String> argv) {
        Command command = Command.run(argv, Map.of("DEBIAN_FRONTEND", "noninteractive"));
        assertThat(command.succeeded()).as("%s", command).isTrue();
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

    /** Whatever happened above, the machine is handed back: no agent, no package, no test users, no marker. */
    @AfterEach
    void handBackTheMachine() throws InterruptedException {
        if (deb == null) {
            return;
        }
        for (Process process : List.copyOf(started)) {
            stop(process);
        }
        // Agents of the test users that outlived their session process (they run as those users only).
        ProcessHandle.allProcesses().filter(process -> agentProcesses().contains(process.pid())
                && process.info().user().map(name -> name.startsWith("ukey-it-")).orElse(false)).forEach(ProcessHandle::destroyForcibly);
        if (Command.run(List.of("dpkg-query", "-W", PACKAGE)).succeeded()) {
            Command.run(List.of("apt-get", "purge", "-y", PACKAGE), Map.of("DEBIAN_FRONTEND", "noninteractive"));
        }
        for (User user : List.of(ALICE, BOB, MALLORY)) {
            Command.run(List.of("userdel", "--remove", user.name()));
            Command.run(List.of("rm", "-rf", "/tmp/hsperfdata_" + user.name()));   // the JVM's, outside the home
        }
        Command.run(List.of("rm", "-f", CONFIG.toString()));   // ours; purge normally took it already
        Command.run(List.of("rm", "-rf", work.toString(), MARKER.toString(), SENTINEL.toString()));
    }

    private static String sha256(X509Certificate certificate) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
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
