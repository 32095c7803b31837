package org.openhall.kiosk.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The data directory: created 0700 when missing, checked writable, and locked so two daemons never share it. */
final class DataDirectory implements AutoCloseable {
    private final Path dir;
    private FileChannel lockChannel;
    private FileLock lock;

    DataDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path path() {
        return dir;
    }

    void open() throws StartupException {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new StartupException("data directory " + dir + " cannot be created: " + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new StartupException("data directory " + dir + " is not writable by this user");
        }
        try {
            lockChannel = FileChannel.open(dir.resolve("kiosk.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly();
            throw new StartupException("data directory " + dir + " is in use by another kiosk daemon");
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // released by the OS with the process anyway
        }
        lock = null;
        lockChannel = null;
    }
}
