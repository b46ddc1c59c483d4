package com.ukeybridge.certs.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a per-home step may act on. A path in a home must stay in that home once its symbolic
 * links are resolved: a profile or database that leads elsewhere (a Firefox profile path from
 * {@code profiles.ini}, a symlinked {@code .pki}) is refused. And root acts only on files root
 * owns: NSS loads every module a database's {@code pkcs11.txt} names, so a home, a folder or a
 * database file another user owns (or could replace) would let that user run code as root. Root
 * never needs to: each user's own session step trusts that user's root (docs/deploy.md).
 */
final class HomeBoundary {
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    private final Path home;
    private final Path realHome;
    private final boolean root;

    private HomeBoundary(Path home, Path realHome, boolean root) {
        this.home = home;
        this.realHome = realHome;
        this.root = root;
    }

    /**
     * The boundary of {@code home} for a process that is root ({@code root}) or not.
     *
     * @throws HomeRefusedException when root is asked to act on a home it does not own, or the home cannot be read
     */
    static HomeBoundary of(Path home, boolean root) {
        Path absolute = home.toAbsolutePath().normalize();
        Path real;
        try {
            real = absolute.toRealPath();
        } catch (IOException e) {
            throw new HomeRefusedException(absolute, "cannot be read: " + e.getMessage());
        }
        HomeBoundary boundary = new HomeBoundary(absolute, real, root);
        if (root) {
            boundary.requireRootOwned(real);
            requireNoOtherWriterAbove(real);
        }
        return boundary;
    }

    /**
     * For root: {@code dir} (which may not exist yet) and its {@code files} are root's, and nobody
     * else may change the folders above it.
     *
     * @throws HomeRefusedException when another user owns or may change a part of it
     */
    static void requireRootOnly(Path dir, List<String> files) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        of(existing, true).check(absolute, files);
    }

    Path home() {
        return home;
    }

    /**
     * {@code path} (in this home) when it, and the NSS {@code files} in it, may be acted on.
     *
     * @throws HomeRefusedException when it leads out of the home, or (as root) when another user owns a part of it
     */
    Path check(Path path, List<String> files) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing == null ? absolute : existing.toRealPath();
        } catch (IOException e) {
            throw new HomeRefusedException(absolute, "cannot be resolved: " + e.getMessage());
        }
        if (!real.startsWith(realHome)) {
            throw new HomeRefusedException(absolute, "leads out of the home " + home + " (to " + real + ")");
        }
        if (root) {
            for (Path part : partsBelowHome(real)) {
                requireRootOwned(part);
            }
            if (existing != null && existing.equals(absolute)) {
                for (String name : files) {
                    Path file = absolute.resolve(name);
                    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                        if (Files.isSymbolicLink(file)) {
                            throw new HomeRefusedException(file, "is a symbolic link");
                        }
                        requireRootOwned(file);
                    }
                }
            }
        }
        return absolute;
    }

    /** Whether {@code path} may be acted on (see {@link #check}). */
    boolean allows(Path path, List<String> files) {
        try {
            check(path, files);
            return true;
        } catch (HomeRefusedException e) {
            return false;
        }
    }

    private List<Path> partsBelowHome(Path real) {
        List<Path> parts = new ArrayList<>();
        for (Path part = real; part != null && !part.equals(realHome); part = part.getParent()) {
            parts.add(part);
        }
        return parts;
    }

    private void requireRootOwned(Path path) {
        int uid = intAttribute(path, "unix:uid");
        if (uid != 0) {
            throw new HomeRefusedException(path, "belongs to uid " + uid + ", and root does not act on another user's files:"
                    + " run this command as that user (the desktop session's step does)");
        }
        if ((intAttribute(path, "unix:mode") & GROUP_OR_OTHER_WRITE) != 0 && !Files.isSymbolicLink(path)) {
            throw new HomeRefusedException(path, "may be written by other users, so root does not act on it");
        }
    }

    /** The folders above a home root acts on must not let another user swap the home (a sticky /tmp is fine). */
    private static void requireNoOtherWriterAbove(Path realHome) {
        for (Path parent = realHome.getParent(); parent != null; parent = parent.getParent()) {
            int mode = intAttribute(parent, "unix:mode");
            int uid = intAttribute(parent, "unix:uid");
            if (uid != 0 || ((mode & GROUP_OR_OTHER_WRITE) != 0 && (mode & STICKY) == 0)) {
                throw new HomeRefusedException(realHome, "lies in " + parent + ", which other users may change");
            }
        }
    }

    private static int intAttribute(Path path, String attribute) {
        try {
            return (Integer) Files.getAttribute(path, attribute, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw new HomeRefusedException(path, "cannot tell who owns it: " + e.getMessage());
        }
    }
}
