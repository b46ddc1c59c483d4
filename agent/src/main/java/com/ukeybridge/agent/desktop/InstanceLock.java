package com.ukeybridge.agent.desktop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One agent per user: an OS lock on {@code dataDir/agent-USER.lock}, held while the agent runs.
 * The file is named for the user, so that even in a data folder an administrator made shared,
 * another user's agent never counts as this user's (each user's agent takes its own port instead).
 * The OS drops the lock when the process dies, so a crash never leaves a stale lock.
 */
public final class InstanceLock implements AutoCloseable {
    /** Characters a user name may bring into the file name as they are; others become '_'. */
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @return empty when another agent of this user holds the lock */
    public static Optional<InstanceLock> tryAcquire(Path dataDir) {
        return tryAcquire(dataDir, System.getProperty("user.name", "user"));
    }

    /** @return empty when another agent of {@code user} holds the lock */
    static Optional<InstanceLock> tryAcquire(Path dataDir, String user) {
        Path file = dataDir.resolve(fileName(user));
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // Held by this very process (a second start inside one JVM, as in tests).
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new InstanceLock(channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    static String fileName(String user) {
        return "agent-" + UNSAFE.matcher(user).replaceAll("_") + ".lock";
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock in any case.
        }
    }
}
