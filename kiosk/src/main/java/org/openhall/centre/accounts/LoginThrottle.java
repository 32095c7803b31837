package org.openhall.centre.accounts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed sign-ins allowed per client address and per user name: {@code limit} in {@code windowMs}, then
 * refused until the oldest failure leaves the window. Bounded memory: the least recently seen keys go first.
 */
public final class LoginThrottle {
    private static final int MAX_KEYS = 10_000;
    private final int limit;
    private final long windowMs;
    private final LongSupplier nowMs;
    private final Map<String, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public LoginThrottle(int limit, long windowMs, LongSupplier nowMs) {
        this.limit = limit;
        this.windowMs = windowMs;
        this.nowMs = nowMs;
    }

    public synchronized boolean allowed(String address, String user) {
        return recent("a:" + address) < limit && recent("u:" + user) < limit;
    }

    public synchronized void failed(String address, String user) {
        long now = nowMs.getAsLong();
        failures.computeIfAbsent("a:" + address, k -> new ArrayDeque<>()).addLast(now);
        failures.computeIfAbsent("u:" + user, k -> new ArrayDeque<>()).addLast(now);
    }

    private int recent(String key) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        long cutoff = nowMs.getAsLong() - windowMs;
        while (!times.isEmpty() && times.peekFirst() <= cutoff) {
            times.removeFirst();
        }
        return times.size();
    }
}
