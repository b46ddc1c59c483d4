package com.ukeybridge.certs.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a user's store files must belong to. When root installs into someone's home, the
 * NSS database and directories it creates would otherwise be root's, and that user's
 * browser could no longer write its own database; so they are handed to the home's owner.
 */
final class StoreOwner {
    /** The files of an NSS "sql:" database. */
    static final List<String> NSS_FILES = List.of("cert9.db", "key4.db", "pkcs11.txt");

    private final Path home;

    private StoreOwner(Path home) {
        this.home = home;
    }

    /** Files keep whatever owner the process gives them: for stores outside any user's home. */
    static StoreOwner unchanged() {
        return new StoreOwner(null);
    }

    /** Files under {@code home} belong to whoever owns {@code home}. */
    static StoreOwner ofHome(Path home) {
        return new StoreOwner(home.toAbsolutePath().normalize());
    }

    /** Like {@link Files#createDirectories}, handing every directory it creates to the owner. */
    void createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        Files.createDirectories(dir);
        for (Path created : missing) {
            claim(created);
        }
    }

    void claimDatabaseFiles(Path database) {
        for (String name : NSS_FILES) {
            Path file = database.resolve(name);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                claim(file);
            }
        }
    }

    /** Gives {@code path} to the home's owner if it is not theirs already; only root can, and only root needs to. */
    void claim(Path path) {
        if (home == null || !path.toAbsolutePath().normalize().startsWith(home)) {
            return;
        }
        try {
            PosixFileAttributeView homeView = Files.getFileAttributeView(home, PosixFileAttributeView.class);
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (homeView == null || view == null) {
                return; // Windows: ACLs inherit from the profile directory
            }
            PosixFileAttributes homeAttributes = homeView.readAttributes();
            UserPrincipal user = homeAttributes.owner();
            GroupPrincipal group = homeAttributes.group();
            PosixFileAttributes attributes = view.readAttributes();
            if (!attributes.owner().equals(user)) {
                view.setOwner(user);
            }
            if (!attributes.group().equals(group)) {
                view.setGroup(group);
            }
        } catch (IOException e) {
            throw new TrustStoreException("Cannot give " + path + " to the owner of " + home + ": " + e.getMessage(), e);
        }
    }
}
