package org.openhall.kiosk.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads machine health from the paths it is given (injected so tests can point them at fixtures). */
public final class SystemProbe {
    private final Path thermalZone;
    private final Path dataDir;

    public SystemProbe(Path thermalZone, Path dataDir) {
        this.thermalZone = thermalZone;
        this.dataDir = dataDir;
    }

    public static SystemProbe of(Path dataDir) {
        return new SystemProbe(Path.of("/sys/class/thermal/thermal_zone0/temp"), dataDir);
    }

    /** CPU temperature in °C, or null where the kernel does not report one. */
    public Double cpuTempC() {
        try {
            return Long.parseLong(Files.readString(thermalZone).strip()) / 1000.0;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    public Long diskFreeBytes() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            return null;
        }
    }

    public long heapUsedBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
