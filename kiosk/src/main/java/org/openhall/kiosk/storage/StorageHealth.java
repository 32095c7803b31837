package org.openhall.kiosk.storage;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether the database takes writes, as the last attempts showed: a failed transaction opens an episode
 * (full, or failing), the first write that commits afterwards closes it. Counts the tickets and ratings
 * refused during the episode for the {@code storage} alert. Times are monotonic (a clock jump does not
 * stretch an episode).
 */
public final class StorageHealth {
    /** What health reports while an episode lasts. */
    public enum Problem {
        STORAGE_FULL("storage_full"),
        STORAGE_FAILING("storage_failing");

        private final String word;

        Problem(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** A closed episode: how long writes failed, the worst problem seen, and what was refused meanwhile. */
    public record Episode(Problem problem, long failedForMs, long ticketsRefused, long ratingsRefused) {}

    private final LongSupplier nanoTime;
    private final AtomicLong ticketsRefused = new AtomicLong();
    private final AtomicLong ratingsRefused = new AtomicLong();
    private volatile Problem problem;
    private long since;

    public StorageHealth(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The problem of the open episode, or empty while writes work. */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    public boolean degraded() {
        return problem != null;
    }

    synchronized void failed(StorageException.Kind kind) {
        Problem now = kind == StorageException.Kind.FULL ? Problem.STORAGE_FULL : Problem.STORAGE_FAILING;
        if (problem == null) {
            since = nanoTime.getAsLong();
            ticketsRefused.set(0);
            ratingsRefused.set(0);
        }
        // full is the more useful word while it lasts: it tells the operator what to do
        if (problem != Problem.STORAGE_FULL) {
            problem = now;
        }
    }

    /** A ticket was refused because it could not be committed. */
    public void ticketRefused() {
        ticketsRefused.incrementAndGet();
    }

    /** A rating was refused because it could not be committed. */
    public void ratingRefused() {
        ratingsRefused.incrementAndGet();
    }

    /** The episode as it stands (for the alert that ends it). */
    synchronized Optional<Episode> current() {
        if (problem == null) {
            return Optional.empty();
        }
        return Optional.of(new Episode(problem, TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - since),
                ticketsRefused.get(), ratingsRefused.get()));
    }

    /** A write committed: the episode is over. */
    synchronized void recovered() {
        problem = null;
    }
}
