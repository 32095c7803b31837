package org.openhall.kiosk.systemd;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify without libsystemd: one datagram to the AF_UNIX socket named by {@code NOTIFY_SOCKET}, sent
 * through libc with the FFM API (the JDK has no Unix datagram channel). Silent when the variable is absent;
 * a failure is logged once and never stops the daemon. Shared by the kiosk and the centre (their units are
 * both {@code Type=notify}); this package uses only the JDK and SLF4J.
 */
public final class SystemdNotifier {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SUN_PATH_MAX = 108;

    private final String socketPath;
    private boolean failureLogged;

    public SystemdNotifier(Map<String, String> env) {
        String path = env.get("NOTIFY_SOCKET");
        this.socketPath = path == null || path.isEmpty() ? null : path;
    }

    public boolean enabled() {
        return socketPath != null;
    }

    /** Sends e.g. "READY=1"; returns whether the datagram went out. */
    public synchronized boolean notify(String state) {
        if (socketPath == null) {
            return false;
        }
        try {
            send(state);
            return true;
        } catch (Throwable e) {
            if (!failureLogged) {
                failureLogged = true;
                log.warn("systemd notify to {} failed: {} (further failures not logged)", socketPath, e.toString());
            }
            return false;
        }
    }

    private void send(String state) throws Throwable {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        MethodHandle socket = linker.downcallHandle(libc.find("socket").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        MethodHandle sendto = linker.downcallHandle(libc.find("sendto").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        byte[] path = socketPath.getBytes(StandardCharsets.UTF_8);
        if (path.length >= SUN_PATH_MAX) {
            throw new IllegalStateException("NOTIFY_SOCKET path too long");
        }
        if (path[0] == '@') {
            path[0] = 0; // abstract namespace
        }
        byte[] message = state.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(2 + SUN_PATH_MAX);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(path, 0, address, ValueLayout.JAVA_BYTE, 2, path.length);
            MemorySegment payload = arena.allocateFrom(ValueLayout.JAVA_BYTE, message);
            int fd = (int) socket.invokeExact(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IllegalStateException("socket() failed");
            }
            try {
                long sent = (long) sendto.invokeExact(fd, payload, (long) message.length, 0, address, 2 + path.length);
                if (sent != message.length) {
                    throw new IllegalStateException("sendto() returned " + sent);
                }
            } finally {
                int ignored = (int) close.invokeExact(fd);
            }
        }
    }
}
