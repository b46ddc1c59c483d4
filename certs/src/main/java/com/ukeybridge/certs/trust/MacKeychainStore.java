package com.ukeybridge.certs.trust;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A macOS keychain through {@code security}. The System keychain (as root) trusts a root for
 * every user ({@code -d}, admin trust settings); a user's login keychain trusts it for that user
 * alone (user trust settings, for TLS servers only), which is how each user's own agent root is
 * trusted (docs/deploy.md, "macOS"). macOS asks for an administrator's password (System) or the
 * user's own (login keychain) before it changes trust settings, unless an MDM configuration
 * profile delivers the trust; there is no silent way around that prompt, by design.
 */
final class MacKeychainStore implements TrustStore {
    private static final Logger LOG = LoggerFactory.getLogger(MacKeychainStore.class);

    static final Path SYSTEM_KEYCHAIN = Path.of("/Library/Keychains/System.keychain");
    static final String SECURITY = "security";
    static final String USER_PROMPT_NOTE = "macOS asks for your password to trust the root for you.";
    static final String ADMIN_PROMPT_NOTE =
            "macOS asks for an administrator's password to trust the root, unless an MDM profile delivers the trust.";

    private static final Pattern SHA1_LINE = Pattern.compile("^SHA-1 hash:\\s*([0-9A-Fa-f]{40})\\s*$", Pattern.MULTILINE);

    static final String LOGIN_KEYCHAIN = "Library/Keychains/login.keychain-db";

    private final Path keychain;
    private final boolean adminTrust;
    private final StoreId id;
    private final CommandRunner runner;

    /** Admin trust settings for the System keychain, the user's own for any other (their login keychain). */
    MacKeychainStore(Path keychain, CommandRunner runner) {
        this.keychain = keychain;
        this.adminTrust = keychain.equals(SYSTEM_KEYCHAIN);
        this.id = new StoreId(StoreKind.MACOS_KEYCHAIN, keychain.toString());
        this.runner = runner;
    }

    @Override
    public StoreId id() {
        return id;
    }

    @Override
    public Presence status(LocalRootFile root) {
        String thumbprint = root.known().sha1();
        return new Presence(thumbprints().contains(thumbprint), thumbprint, "");
    }

    @Override
    public Installation install(LocalRootFile root) {
        String thumbprint = root.known().sha1();
        if (thumbprints().contains(thumbprint)) {
            return new Installation(thumbprint, false, false);
        }
        runner.runChecked(adminTrust
                ? List.of(SECURITY, "add-trusted-cert", "-d", "-r", "trustRoot", "-k", keychain.toString(), root.file().toString())
                : List.of(SECURITY, "add-trusted-cert", "-r", "trustRoot", "-p", "ssl", "-k", keychain.toString(),
                        root.file().toString()));
        LOG.info("Added {} to {} as a trusted root", thumbprint, keychain);
        return new Installation(thumbprint, true, false);
    }

    @Override
    public List<String> remove(Collection<KnownRoot> roots, List<RecordedEntry> recorded) {
        Set<String> present = thumbprints();
        List<String> removed = new ArrayList<>();
        for (KnownRoot root : roots) {
            if (present.contains(root.sha1())) {
                // -t also drops the trust settings recorded for the certificate.
                runner.runChecked(List.of(SECURITY, "delete-certificate", "-Z", root.sha1(), "-t", keychain.toString()));
                removed.add(root.sha1());
                LOG.info("Removed {} from {}", root.sha1(), keychain);
            }
        }
        return removed;
    }

    /** Every certificate's SHA-1 in the keychain, from {@code security find-certificate -a -Z}. */
    private Set<String> thumbprints() {
        CommandResult result = runner.runChecked(List.of(SECURITY, "find-certificate", "-a", "-Z", keychain.toString()));
        Set<String> thumbprints = new LinkedHashSet<>();
        Matcher matcher = SHA1_LINE.matcher(result.output());
        while (matcher.find()) {
            thumbprints.add(matcher.group(1).toUpperCase(Locale.ROOT));
        }
        return thumbprints;
    }
}
