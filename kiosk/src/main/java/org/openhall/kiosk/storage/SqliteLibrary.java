package org.openhall.kiosk.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.sqlite.util.LibraryLoaderUtil;
import org.slf4j.LoggerFactory;

/**
 * Keeps sqlite-jdbc's native library in a directory of its own, copied out of the jar once per driver version.
 * Left alone, the driver copies its 1.1 MB library into the temporary directory on every start, compares the
 * copy with the jar a byte at a time and deletes it at exit; to choose the library it runs {@code uname}, and
 * on 32-bit ARM a {@code find | readelf} pipeline. That was about 90 ms of a 550 ms start here, and 1.1 MB
 * written to the SD card per start (docs/benchmarks.md, "Budget").
 *
 * <p>The copy is used only while its CRC-32 matches the jar entry's, so a truncated or damaged copy is
 * replaced, never loaded. Anything unexpected leaves the driver to its own way.
 */
public final class SqliteLibrary {
    private static final Logger log = LoggerFactory.getLogger(SqliteLibrary.class);
    static final String LIB_PATH = "org.sqlite.lib.path";
    static final String LIB_NAME = "org.sqlite.lib.name";
    /** The jar resource the driver chose for this machine, recorded beside the copy. */
    static final String RESOURCE_FILE = "resource";

    private SqliteLibrary() {}

    /**
     * Points the driver at a checked copy in the directory it would unpack into ({@code org.sqlite.tmpdir}, under
     * kiosk.service the service's cache), making it first if need be. The two system properties are the driver's
     * own, and it loads its library once per JVM whatever they say later; an operator's own {@value #LIB_PATH} is
     * left alone.
     */
    public static void prepare() {
        if (System.getProperty(LIB_PATH) != null) {
            return;
        }
        Path baseDir = Path.of(System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir")));
        try {
            Optional<Path> copy = copyIn(baseDir.resolve("kiosk-sqlite-" + driverVersion()),
                    // the driver's own choice for this machine (os, architecture, ARM float ABI, musl)
                    () -> Optional.of(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName()));
            copy.ifPresent(lib -> {
                System.setProperty(LIB_NAME, lib.getFileName().toString());
                System.setProperty(LIB_PATH, lib.getParent().toString());
            });
        } catch (IOException | RuntimeException e) {
            log.warn("SQLite's native library is unpacked by its driver at each start: {}", e.toString());
        }
    }

    /** Where the driver keeps its library in the jar, asked of the driver only when no copy records it. */
    interface Choice {
        Optional<String> resource();
    }

    /** The valid copy in {@code dir}, made from the jar now if there is none or it does not match. */
    static Optional<Path> copyIn(Path dir, Choice choice) throws IOException {
        Path recorded = dir.resolve(RESOURCE_FILE);
        String resource = Files.isRegularFile(recorded) ? Files.readString(recorded, StandardCharsets.UTF_8).strip() : "";
        Optional<Entry> entry = resource.isEmpty() ? Optional.empty() : entry(resource);
        if (entry.isEmpty()) {
            Optional<String> chosen = choice.resource();
            if (chosen.isEmpty()) {
                return Optional.empty();
            }
            resource = chosen.get();
            entry = entry(resource);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
        }
        Path lib = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        if (Files.isRegularFile(lib) && Files.size(lib) == entry.get().size() && crc(lib) == entry.get().crc()) {
            return Optional.of(lib);
        }
        Files.createDirectories(dir);
        // a name of its own: two daemons starting at once must never move each other's half-written copy
        Path tmp = Files.createTempFile(dir, lib.getFileName().toString(), ".tmp");
        try {
            try (InputStream in = entry.get().url().openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.size(tmp) != entry.get().size() || crc(tmp) != entry.get().crc()) {
                throw new IOException("the copy of " + resource + " does not match the jar");
            }
            Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Files.writeString(recorded, resource + "\n", StandardCharsets.UTF_8);
        log.info("SQLite's native library copied to {} (once per driver version)", lib);
        return Optional.of(lib);
    }

    /** A jar resource's size and CRC-32 from the jar's directory, without reading the resource. */
    private record Entry(URL url, long size, long crc) {}

    private static Optional<Entry> entry(String resource) throws IOException {
        URL url = SqliteLibrary.class.getClassLoader().getResource(resource.startsWith("/") ? resource.substring(1) : resource);
        if (url == null) {
            return Optional.empty();
        }
        // in a jar, as the driver always is, its directory tells size and CRC; anything else is left to the driver
        if (url.openConnection() instanceof JarURLConnection jar) {
            JarEntry e = jar.getJarEntry();
            return Optional.of(new Entry(url, e.getSize(), e.getCrc()));
        }
        return Optional.empty();
    }

    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return crc.getValue();
    }

    private static String driverVersion() {
        return org.sqlite.SQLiteJDBCLoader.getVersion();
    }
}
