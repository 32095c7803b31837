package org.openhall.kiosk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in SD card: an ext4 file system with 4 KiB blocks (as Raspberry Pi OS formats its root) on a loop
 * device of its own, mounted as one daemon's data dir, so that what reaches the card is counted where it
 * arrives, in the block device's sectors written, the ext4 journal included. {@code write_bytes} cannot say
 * this: it counts a page cache folio whole when any byte of it is dirtied (kernels with ext4 large folios count
 * 64 KiB for a 24-byte write into a file once written in large chunks), never counts the journal, and counts
 * files elsewhere (the bench's log file). Needs root, {@code losetup} and {@code mkfs.ext4}.
 */
final class Card implements AutoCloseable {
    private static final long SIZE = 256L << 20;
    private final Path image;
    private final Path mountPoint;
    private final String device;

    private Card(Path image, Path mountPoint, String device) {
        this.image = image;
        this.mountPoint = mountPoint;
        this.device = device;
    }

    /** Whether this machine can make one: root, a loop control device and the two tools. */
    static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.exists(Path.of("/dev/loop-control"))
                && onPath("losetup") && onPath("mkfs.ext4");
    }

    /** A fresh file system in {@code image}, mounted on {@code mountPoint} (created). */
    static Card create(Path image, Path mountPoint) throws IOException, InterruptedException {
        Files.deleteIfExists(image);
        try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(SIZE);
        }
        run("mkfs.ext4", "-q", "-F", "-b", "4096", image.toString());
        String device = run("losetup", "-f", "--show", image.toString()).strip();
        Files.createDirectories(mountPoint);
        try {
            run("mount", device, mountPoint.toString());
        } catch (IOException e) {
            run("losetup", "-d", device);
            throw e;
        }
        return new Card(image, mountPoint, device);
    }

    /**
     * Bytes written to the device so far, after {@code syncfs} on it: what the page cache still holds dirty is
     * counted now rather than whenever the kernel's writeback would have sent it.
     */
    long bytesWritten() throws IOException, InterruptedException {
        run("sync", "-f", mountPoint.toString());
        String stat = Files.readString(Path.of("/sys/block", Path.of(device).getFileName().toString(), "stat")).strip();
        return Long.parseLong(stat.split("\\s+")[6]) * 512; // field 7: sectors written, always 512 bytes each
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("umount", mountPoint.toString());
        } finally {
            run("losetup", "-d", device);
            Files.deleteIfExists(image);
        }
    }

    private static boolean onPath(String tool) {
        return List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin").stream().anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
        return out;
    }
}
