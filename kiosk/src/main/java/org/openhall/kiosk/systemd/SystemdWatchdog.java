package org.openhall.kiosk.systemd;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The systemd watchdog of a {@code Type=notify} service with {@code WatchdogSec=}: {@code WATCHDOG=1} every half
 * of {@code WATCHDOG_USEC}, but only while {@code healthy} says the service's own loops are alive. A service that
 * hangs stops the pings, and systemd sends {@code WatchdogSignal=} and restarts it. Nothing runs when systemd
 * asked for no watchdog (no {@code NOTIFY_SOCKET} or no {@code WATCHDOG_USEC}).
 */
public final class SystemdWatchdog implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private SystemdWatchdog(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static SystemdWatchdog start(Map<String, String> env, SystemdNotifier systemd, BooleanSupplier healthy) {
        String usec = env.get("WATCHDOG_USEC");
        if (!systemd.enabled() || usec == null) {
            return new SystemdWatchdog(null);
        }
        long periodUs;
        try {
            periodUs = Long.parseLong(usec) / 2;
        } catch (NumberFormatException e) {
            return new SystemdWatchdog(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("systemd-watchdog").daemon(true).unstarted(r));
        timer.scheduleAtFixedRate(() -> {
            if (healthy.getAsBoolean()) {
                systemd.notify("WATCHDOG=1");
            }
        }, 0, Math.max(periodUs, 100_000), TimeUnit.MICROSECONDS);
        return new SystemdWatchdog(timer);
    }

    /** Whether pings are being sent. */
    public boolean running() {
        return timer != null && !timer.isShutdown();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
