package com.ukeybridge.certs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory holding the TLS files, and the only code that writes into it. Each file is
 * written whole to a temporary file that already has its final permissions, then renamed
 * over the old one, so a reader sees the old file or the new one, never half of either.
 * Where the file system has POSIX permissions a private key is never readable by others,
 * not even for an instant; elsewhere (Windows) files inherit the directory's ACL.
 */
final class TlsDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(TlsDirectory.class);

    /** Who may read a file. Applies where the file system has POSIX permissions. */
    enum Access {
        PUBLIC("rw-r--r--"),
        OWNER_ONLY("rw-------");

        private final Set<PosixFilePermission> permissions;

        Access(String mode) {
            this.permissions = PosixFilePermissions.fromString(mode);
        }

        Set<PosixFilePermission> permissions() {
            return permissions;
        }
    }

    private static final Set<PosixFilePermission> NEW_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final boolean posix;

    private TlsDirectory(Path dir, boolean posix) {
        this.dir = dir;
        this.posix = posix;
    }

    /** Opens {@code dir}, creating it (owner-only where POSIX) if it does not exist yet. */
    static TlsDirectory open(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        boolean posix = absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new TlsFilesNotWrittenException(absolute, "exists and is not a directory");
        }
        try {
            if (!Files.isDirectory(absolute)) {
                createDirectory(absolute, posix);
            }
        } catch (IOException e) {
            throw new TlsFilesNotWrittenException(absolute, e);
        }
        if (!posix) {
            // On Windows the files inherit the directory's ACL, which under the user's profile is the user's own.
            LOG.debug("No POSIX permissions on {}; TLS files inherit the directory's access rules", absolute);
        }
        return new TlsDirectory(absolute, posix);
    }

    private static void createDirectory(Path dir, boolean posix) throws IOException {
        Path parent = dir.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(NEW_DIRECTORY));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // Another process made it first; fine if it is a directory.
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    Path path() {
        return dir;
    }

    /** Replaces {@code name} with {@code text}, readable as {@code access} says from its first byte on. */
    Path replace(String name, String text, Access access) {
        Path target = dir.resolve(name);
        Path temp = null;
        try {
            // Every file starts owner-only; a public one is widened only once it is complete.
            temp = posix
                    ? Files.createTempFile(dir, "." + name + ".", ".tmp",
                            PosixFilePermissions.asFileAttribute(Access.OWNER_ONLY.permissions()))
                    : Files.createTempFile(dir, "." + name + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true); // on disk before the rename makes it the real file
            }
            if (posix) {
                // The umask may have narrowed a public file; set its mode exactly.
                Files.setPosixFilePermissions(temp, access.permissions());
            }
            move(temp, target);
            temp = null;
            return target;
        } catch (IOException e) {
            throw new TlsFilesNotWrittenException(target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("Could not remove temporary file {}: {}", temp, e.getMessage());
        }
    }
}
