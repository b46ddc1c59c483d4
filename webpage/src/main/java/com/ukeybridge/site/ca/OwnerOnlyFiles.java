package com.ukeybridge.site.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes secrets into files only their owner can read (0600), created so from the start, never widened. */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /**
     * Writes {@code content} to a temporary file made 0600 beside {@code file}, then moves it into
     * place, so that no reader ever sees a partial or wider-open file.
     *
     * @throws FileAlreadyExistsException (wrapped) when {@code file} exists: a secret is never overwritten
     */
    public static void create(Path file, byte[] content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (Files.notExists(dir)) {
                // A folder made for a secret is the owner's alone too (the site's dataDir: DataDirectory).
                Files.createDirectories(dir, directoryAttributes());
            }
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes());
            try {
                Files.write(temporary, content);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileAttribute<?>[] directoryAttributes() {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] attributes() {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }
}
