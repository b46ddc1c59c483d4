package com.ukeybridge.certs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Writing the TLS files failed (directory not creatable, disk full, no permission). */
public final class TlsFilesNotWrittenException extends TlsFilesException {
    private static final long serialVersionUID = 1L;

    TlsFilesNotWrittenException(Path path, String problem) {
        super("Could not write TLS files at " + path + ": " + problem, null);
    }

    TlsFilesNotWrittenException(Path path, IOException cause) {
        super("Could not write TLS files at " + path + ": " + describe(cause), cause);
    }

    /** NIO's messages for these are often just the path again; say what happened instead. */
    private static String describe(IOException e) {
        String what;
        if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            what = "no such file or directory";
        } else if (e instanceof FileAlreadyExistsException) {
            what = "already exists";
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            what = fs.getReason();
        } else {
            return String.valueOf(e.getMessage());
        }
        FileSystemException fs = (FileSystemException) e;
        return fs.getFile() == null ? what : what + " (" + fs.getFile() + ")";
    }
}
