package org.openhall.kiosk.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a leak would grow in a daemon process: open file descriptors, threads, resident memory and the Java heap
 * in use right after a full GC (through {@code jcmd}, which attaches by pid even with -XX:-UsePerfData).
 */
record ProcessFigures(int fds, int threads, long rssKb, long heapUsedKb) {
    /** A generation's line, e.g. {@code DefNew total 19648K, used 7718K [...]} or {@code Tenured total ...}. */
    private static final Pattern GENERATION = Pattern.compile("total \\d+K, used (\\d+)K");

    static ProcessFigures of(long pid) {
        try {
            Path proc = Path.of("/proc", Long.toString(pid));
            String[] fds = proc.resolve("fd").toFile().list();
            String status = Files.readString(proc.resolve("status"));
            return new ProcessFigures(fds == null ? -1 : fds.length, (int) field(status, "Threads:"),
                    field(status, "VmRSS:"), heapAfterGc(pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long field(String status, String name) {
        return status.lines().filter(l -> l.startsWith(name)).findFirst()
                .map(l -> Long.parseLong(l.substring(name.length()).trim().split("\\s+")[0])).orElse(-1L);
    }

    /** The sum of the generations' "used" after {@code GC.run} (Metaspace has no "total" and is left out). */
    private static long heapAfterGc(long pid) {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long used = 0;
        int generations = 0;
        for (String line : info.lines().toList()) {
            Matcher m = GENERATION.matcher(line);
            if (m.find()) {
                used += Long.parseLong(m.group(1));
                generations++;
            }
        }
        if (generations == 0) {
            throw new IllegalStateException("no heap generation in jcmd GC.heap_info: " + info);
        }
        return used;
    }

    private static String jcmd(long pid, String command) {
        String jcmd = System.getProperty("java.home") + File.separator + "bin" + File.separator + "jcmd";
        return Shell.run(jcmd, Long.toString(pid), command);
    }
}
