package org.openhall.kiosk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit is on the card before the transaction returns, with {@code fdatasync} of the WAL rather than
 * SQLite's {@code fsync} (whose journal commit on ext4 costs more blocks than the commit's data): the
 * syscalls of a real child JVM, traced by {@code strace}, region by region of {@link WalSyncDriver}.
 */
class WalSyncIT {
    private static final Pattern SYNC = Pattern.compile("^\\d+\\s+(fsync|fdatasync)\\(\\d+<([^>]*)>\\)\\s+=\\s+0");
    private static final Pattern MARK = Pattern.compile("^\\d+\\s+write\\(1<[^>]*>, \"MARK ([a-z-]+)\\\\n\"");

    @TempDir
    Path dir;

    @Test
    void eachCommitThatWroteIsDataSyncedBeforeItReturnsAndCheckpointsStillSyncTheFile() throws Exception {
        Path db = dir.resolve("kiosk.db");
        Map<String, List<String>> syncs = traceDriver(db);
        String wal = db + "-wal";

        List<String> open = syncs.get("open"); // SQLite's own while it makes the file and enters WAL mode, then:
        assertEquals(List.of("fdatasync " + wal, "fsync " + dir), open.subList(Math.max(0, open.size() - 2), open.size()),
                "the new file's first commit: the WAL's data, then the new WAL's name in the directory: " + open);
        assertEquals(List.of("fdatasync " + wal), syncs.get("first-write"), "later commits: the WAL's data alone");
        assertEquals(List.of("fdatasync " + wal), syncs.get("second-write"), "later commits: the WAL's data alone");
        assertEquals(List.of(), syncs.get("read"), "a transaction that wrote nothing syncs nothing");
        List<String> close = syncs.get("close");
        assertTrue(close.contains("fsync " + wal) && close.contains("fsync " + db),
                "the checkpoint at close is still synced by SQLite (WAL, then the database): " + close);
    }

    /** Runs the driver under strace; the syncs of each marked region, in order, as "call path". */
    private Map<String, List<String>> traceDriver(Path db) throws Exception {
        Path trace = dir.resolve("trace.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("strace", "-f", "-qq", "-y", "-e", "trace=fsync,fdatasync,write", "-o", trace.toString(),
                java, "-Xmx64m", "--enable-native-access=ALL-UNNAMED", "-cp", classpath(), WalSyncDriver.class.getName(),
                db.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "driver did not finish");
        assertEquals(0, p.exitValue(), "driver failed (is strace installed?): " + out);
        assertTrue(out.contains("ROWS 1"), out);
        Map<String, List<String>> regions = new LinkedHashMap<>();
        String region = null;
        for (String line : Files.readAllLines(trace)) {
            Matcher mark = MARK.matcher(line);
            Matcher sync = SYNC.matcher(line);
            if (mark.find()) {
                region = "end".equals(mark.group(1)) ? null : mark.group(1);
                if (region != null) {
                    regions.put(region, new ArrayList<>());
                }
            } else if (sync.find() && region != null) {
                regions.get(region).add(sync.group(1) + " " + sync.group(2));
            }
        }
        assertEquals(List.of("open", "first-write", "second-write", "read", "close"), List.copyOf(regions.keySet()), "regions traced");
        return regions;
    }

    /** The packaged jar (the daemon's classes and libraries) and these test classes. */
    private static String classpath() throws Exception {
        Path jar = Path.of(System.getProperty("kiosk.jar", "target/kiosk.jar"));
        assertTrue(Files.exists(jar), jar + " missing: run through Failsafe (mvn verify), which packages first");
        Path tests = Path.of(WalSyncDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar + File.pathSeparator + tests;
    }
}
