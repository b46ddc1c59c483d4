package com.ukeybridge.certs.trust;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import picocli.CommandLine.Option;

/** The options install, uninstall, status and renew-if-needed share: which directory, which homes, which stores. */
final class TrustOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--dir", required = true, paramLabel = "D",
            description = "The directory 'certs create' wrote (root.pem); installed-roots.json is kept there too.")
    Path dir;

    @Option(names = "--home", paramLabel = "DIR",
            description = {"A home directory whose browser databases to change (repeatable). Default: this user's home.",
                "Run it as the home's owner: root refuses a home, folder or database it does not own (NSS loads the"
                        + " modules a database names), and any user refuses what leads out of the home."})
    List<Path> homes = new ArrayList<>();

    @Option(names = "--homes-under", paramLabel = "DIR",
            description = "Every directory in DIR is a user's home (repeatable), e.g. /home.")
    List<Path> homeParents = new ArrayList<>();

    @Option(names = "--system", negatable = true,
            description = "Change machine-wide stores (Linux: system CA store and Firefox policy; Windows: LocalMachine)."
                    + " Default: when running as root / elevated.")
    Boolean system;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--system-ca-dir", paramLabel = "DIR", hidden = false,
            description = "Where the system store's .crt files go (default: ${DEFAULT-VALUE}).")
    Path systemCaDirectory = StoreLocations.DEFAULT_SYSTEM_CA_DIRECTORY;

    @Option(names = "--update-ca-command", paramLabel = "COMMAND",
            description = "The command that rebuilds the system store, arguments separated by spaces (default: ${DEFAULT-VALUE}).")
    String updateCaCommand = StoreLocations.DEFAULT_UPDATE_CA_COMMAND;

    @Option(names = "--firefox-policies", paramLabel = "FILE",
            description = "Firefox's enterprise policy file (default: ${DEFAULT-VALUE}).")
    Path firefoxPolicies = FirefoxPolicyStore.DEFAULT_FILE;

    @Option(names = "--certutil", paramLabel = "PATH",
            description = "NSS's certutil (default: ${DEFAULT-VALUE}, from libnss3-tools).")
    String certutil = StoreLocations.DEFAULT_CERTUTIL;

    Path dir() {
        return dir.toAbsolutePath().normalize();
    }

    /**
     * The stores to act on. As root (outside Windows) {@code D} must be root's: its record decides what
     * is removed from the machine's stores, and its root.pem what the machine trusts.
     *
     * @throws HomeRefusedException when root is given a folder another user owns or may change
     */
    TrustStores stores(TrustEnvironment environment) {
        Platform platform = environment.platform().get();
        if (platform.elevated() && platform.os() != Platform.Os.WINDOWS) {
            HomeBoundary.requireRootOnly(dir(), List.of(com.ukeybridge.certs.AgentTlsFiles.ROOT, TrustRecord.FILE));
        }
        boolean machineWide = system != null ? system : platform.elevated();
        StoreLocations locations = StoreLocations.defaults()
                .withSystemCaDirectory(systemCaDirectory)
                .withUpdateCaCommand(Arrays.asList(updateCaCommand.trim().split("\\s+")))
                .withFirefoxPolicies(firefoxPolicies)
                .withCertutil(certutil);
        return TrustStores.select(platform, new TrustStores.Selection(homes(platform), machineWide),
                locations, environment.runner());
    }

    List<Path> homes(Platform platform) {
        List<Path> result = new ArrayList<>(homes);
        for (Path parent : homeParents) {
            result.addAll(children(parent));
        }
        if (result.isEmpty() && homes.isEmpty() && homeParents.isEmpty()) {
            result.add(platform.userHome());
        }
        return result;
    }

    private static List<Path> children(Path parent) {
        List<Path> children = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return children;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, Files::isDirectory)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().equals("lost+found")) {
                    children.add(entry);
                }
            }
        } catch (IOException e) {
            throw new TrustStoreException("Cannot list the homes in " + parent + ": " + e.getMessage(), e);
        }
        children.sort(null);
        return children;
    }
}
