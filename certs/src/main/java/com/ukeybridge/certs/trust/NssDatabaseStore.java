package com.ukeybridge.certs.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An NSS database ({@code cert9.db}, the "sql:" format) changed with NSS's {@code certutil}:
 * a user's Chrome/Chromium database, or a Firefox profile. Our root goes in under a nickname
 * that carries its fingerprint, trusted to identify TLS servers ({@code C,,}) and nothing else.
 */
final class NssDatabaseStore implements TrustStore {
    private static final Logger LOG = LoggerFactory.getLogger(NssDatabaseStore.class);

    /** Trust for TLS server certificates only: not e-mail, not code signing. */
    static final String TRUST = "C,,";
    static final String DATABASE_FILE = "cert9.db";
    /** The files of an NSS "sql:" database. */
    static final List<String> FILES = List.of(DATABASE_FILE, "key4.db", "pkcs11.txt");

    /** A line of {@code certutil -L}: the nickname, padding, then the three trust fields. */
    private static final Pattern LISTING_LINE = Pattern.compile("^(.*\\S)\\s+(\\S*,\\S*,\\S*)\\s*$");

    private final StoreId id;
    private final Path database;
    private final boolean createIfMissing;
    private final String certutil;
    private final CommandRunner runner;

    /**
     * @param createIfMissing make an empty database (no password) when there is none, as Chrome would; it
     *                        belongs to whoever runs this, which is the home's owner (root acts only on its own homes)
     */
    NssDatabaseStore(StoreKind kind, Path database, boolean createIfMissing, String certutil, CommandRunner runner) {
        this.database = database.toAbsolutePath().normalize();
        this.id = new StoreId(kind, this.database.toString());
        this.createIfMissing = createIfMissing;
        this.certutil = certutil;
        this.runner = runner;
    }

    @Override
    public StoreId id() {
        return id;
    }

    boolean exists() {
        return Files.isRegularFile(database.resolve(DATABASE_FILE));
    }

    @Override
    public Presence status(LocalRootFile root) {
        if (!exists()) {
            return new Presence(false, root.nickname(), "no database yet");
        }
        Map<String, String> listing = list();
        for (Map.Entry<String, String> entry : listing.entrySet()) {
            if (entry.getKey().startsWith(LocalRootFile.NAME_PREFIX) || entry.getKey().equals(root.nickname())) {
                if (export(entry.getKey()).stream().anyMatch(root.known()::matches)) {
                    return new Presence(true, entry.getKey(), "trust " + entry.getValue());
                }
            }
        }
        return new Presence(false, root.nickname(), "");
    }

    @Override
    public Installation install(LocalRootFile root) {
        boolean created = false;
        if (!exists()) {
            if (!createIfMissing) {
                throw new TrustStoreException("No NSS database at " + database, null);
            }
            create();
            created = true;
        }
        String current = list().get(root.nickname());
        if (current != null && TRUST.equals(current)
                && export(root.nickname()).stream().anyMatch(root.known()::matches)) {
            return new Installation(root.nickname(), false, created);
        }
        runner.runChecked(List.of(certutil, "-A", "-d", "sql:" + database, "-n", root.nickname(),
                "-t", TRUST, "-i", root.file().toString()));
        LOG.info("Added {} to the NSS database {}", root.nickname(), database);
        return new Installation(root.nickname(), true, created);
    }

    @Override
    public List<String> remove(Collection<KnownRoot> roots, List<RecordedEntry> recorded) {
        if (!exists() || roots.isEmpty()) {
            return List.of();
        }
        Map<String, String> listing = list();
        // Only our nicknames, or names NSS derived from our roots' subjects (e.g. a copy Firefox's policy imported),
        // are candidates; each is removed only if every certificate under it is one of ours.
        Set<String> candidates = new LinkedHashSet<>();
        recorded.forEach(entry -> candidates.add(entry.name()));
        listing.keySet().stream().filter(name -> name.startsWith(LocalRootFile.NAME_PREFIX)).forEach(candidates::add);
        List<String> removed = new ArrayList<>();
        for (String nickname : candidates) {
            if (!listing.containsKey(nickname)) {
                continue;
            }
            List<X509Certificate> certificates = export(nickname);
            boolean allOurs = !certificates.isEmpty() && certificates.stream()
                    .allMatch(certificate -> roots.stream().anyMatch(root -> root.matches(certificate)));
            if (!allOurs) {
                LOG.debug("Leaving {} in {}: not one of our roots", nickname, database);
                continue;
            }
            for (int i = 0; i < certificates.size(); i++) {
                runner.runChecked(List.of(certutil, "-D", "-d", "sql:" + database, "-n", nickname));
            }
            removed.add(nickname);
            LOG.info("Removed {} from the NSS database {}", nickname, database);
        }
        return removed;
    }

    private void create() {
        try {
            Files.createDirectories(database);
            if (database.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new TrustStoreException("Cannot create " + database + ": " + e.getMessage(), e);
        }
        runner.runChecked(List.of(certutil, "-N", "--empty-password", "-d", "sql:" + database));
        LOG.info("Created an empty NSS database at {}", database);
    }

    /** Nickname → trust attributes, as {@code certutil -L} lists them. */
    Map<String, String> list() {
        CommandResult result = runner.runChecked(List.of(certutil, "-L", "-d", "sql:" + database));
        Map<String, String> listing = new LinkedHashMap<>();
        String[] lines = result.output().split("\\R");
        boolean inBody = false;
        for (String line : lines) {
            // The header ends with the "SSL,S/MIME,JAR/XPI" legend line.
            if (!inBody) {
                inBody = line.contains("SSL,S/MIME,JAR/XPI");
                continue;
            }
            Matcher matcher = LISTING_LINE.matcher(line);
            if (matcher.matches()) {
                listing.put(matcher.group(1), matcher.group(2));
            }
        }
        return listing;
    }

    private List<X509Certificate> export(String nickname) {
        CommandResult result = runner.run(List.of(certutil, "-L", "-d", "sql:" + database, "-n", nickname, "-a"));
        return result.succeeded() ? Fingerprints.certificatesIn(result.output()) : List.of();
    }
}
