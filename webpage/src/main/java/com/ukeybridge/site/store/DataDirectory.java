package com.ukeybridge.site.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The site's {@code dataDir} (H2 database, CA keystore) is its account's alone: made 0700 when
 * missing, refused when another user may enter, read or write it, and every file in it made
 * 0600 (H2 creates its files with the process's umask). Checked before the records are opened
 * and once more after, when H2 has made its files.
 */
public final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {
    }

    /**
     * @throws DataDirectoryException when the folder is open to other users (the message names it and the fix)
     */
    public static void secure(Path dataDir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // Windows: the folder's ACL is the installer's business (docs/deploy.md)
        }
        try {
            if (Files.notExists(dataDir)) {
                Files.createDirectories(dataDir.toAbsolutePath().getParent());
                Files.createDirectory(dataDir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
                Files.setPosixFilePermissions(dataDir, OWNER_DIR); // whatever the umask
                return;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dataDir);
            if (mode.stream().anyMatch(OTHERS::contains)) {
                throw new DataDirectoryException("the data folder " + dataDir.toAbsolutePath() + " is open to other users (mode "
                        + PosixFilePermissions.toString(mode) + "): it holds the records and the CA key; run chmod 700 "
                        + dataDir.toAbsolutePath() + " (and chmod 600 the files in it)");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dataDir)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path file : files) {
                if (Files.getPosixFilePermissions(file).stream().anyMatch(OTHERS::contains)) {
                    Files.setPosixFilePermissions(file, OWNER_FILE);
                    LOG.info("{} was open to other users: now 0600", file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The data folder is open to other users. */
    public static final class DataDirectoryException extends IllegalStateException {
        DataDirectoryException(String message) {
            super(message);
        }
    }
}
