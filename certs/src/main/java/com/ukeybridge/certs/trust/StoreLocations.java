package com.ukeybridge.certs.trust;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the machine-wide stores and tools are. The defaults are the real ones; tests (and
 * unusual layouts) point them elsewhere.
 *
 * @param systemCaDirectory default {@code /usr/local/share/ca-certificates}
 * @param updateCaCommand default {@code update-ca-certificates}; {@code --fresh} is appended after a removal
 * @param firefoxPolicies default {@code /etc/firefox/policies/policies.json}
 * @param certutil NSS's certutil; default {@code certutil} on the PATH
 * @param macKeychain default {@code /Library/Keychains/System.keychain}
 */
public record StoreLocations(Path systemCaDirectory, List<String> updateCaCommand, Path firefoxPolicies,
                             String certutil, Path macKeychain) {
    public static final Path DEFAULT_SYSTEM_CA_DIRECTORY = Path.of("/usr/local/share/ca-certificates");
    public static final String DEFAULT_UPDATE_CA_COMMAND = "update-ca-certificates";
    public static final String DEFAULT_CERTUTIL = "certutil";

    public StoreLocations {
        Objects.requireNonNull(systemCaDirectory, "systemCaDirectory");
        updateCaCommand = List.copyOf(updateCaCommand);
        if (updateCaCommand.isEmpty()) {
            throw new IllegalArgumentException("updateCaCommand is empty");
        }
        Objects.requireNonNull(firefoxPolicies, "firefoxPolicies");
        Objects.requireNonNull(certutil, "certutil");
        Objects.requireNonNull(macKeychain, "macKeychain");
    }

    public static StoreLocations defaults() {
        return new StoreLocations(DEFAULT_SYSTEM_CA_DIRECTORY, List.of(DEFAULT_UPDATE_CA_COMMAND),
                FirefoxPolicyStore.DEFAULT_FILE, DEFAULT_CERTUTIL, MacKeychainStore.SYSTEM_KEYCHAIN);
    }

    public StoreLocations withSystemCaDirectory(Path directory) {
        return new StoreLocations(directory, updateCaCommand, firefoxPolicies, certutil, macKeychain);
    }

    public StoreLocations withUpdateCaCommand(List<String> command) {
        return new StoreLocations(systemCaDirectory, command, firefoxPolicies, certutil, macKeychain);
    }

    public StoreLocations withFirefoxPolicies(Path file) {
        return new StoreLocations(systemCaDirectory, updateCaCommand, file, certutil, macKeychain);
    }

    public StoreLocations withCertutil(String command) {
        return new StoreLocations(systemCaDirectory, updateCaCommand, firefoxPolicies, command, macKeychain);
    }
}
