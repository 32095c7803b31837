package org.openhall.kiosk.ratings;

import java.time.Duration;
import org.openhall.kiosk.config.EvaluatorSettings;
import org.openhall.kiosk.refusals.Refusal;

/**
 * The rules of one evaluator as pure state over monotonic nanoseconds ({@code System.nanoTime}), no I/O: the
 * lockout after a rating, the invite (one rating per service when {@code require_invite}) and the attribution.
 * On the monotonic clock a wall-clock jump (NTP stepping an unsynchronised Pi) neither locks an evaluator for
 * an hour nor stretches an invite. Boundaries: a press exactly {@code lockout_s} after the last rating is
 * accepted again; an invite opened at t is valid for presses before t + {@code invite_s}, not at it. Not
 * thread-safe: {@link RatingService} serialises access.
 */
final class EvaluatorState {
    private final long lockoutNanos;
    private final boolean requireInvite;
    private final long inviteNanos;
    private boolean rated;
    private long lockedUntil;
    private boolean inviteOpen;
    private long inviteUntil;
    private Attribution attribution = Attribution.NONE;

    EvaluatorState(EvaluatorSettings settings) {
        this.lockoutNanos = Duration.ofSeconds(settings.lockoutS()).toNanos();
        this.requireInvite = settings.requireInvite();
        this.inviteNanos = Duration.ofSeconds(settings.inviteS()).toNanos();
    }

    /** Null when a rating at {@code nowNanos} is allowed, else why not. */
    Refusal refusal(long nowNanos) {
        if (rated && nowNanos - lockedUntil < 0) {
            return Refusal.LOCKED_OUT;
        }
        if (requireInvite && (!inviteOpen || nowNanos - inviteUntil >= 0)) {
            return Refusal.NO_INVITE;
        }
        return null;
    }

    /** A rating at {@code nowNanos} was committed: start the lockout and use up the invite. */
    void rated(long nowNanos) {
        rated = true;
        lockedUntil = nowNanos + lockoutNanos;
        inviteOpen = false;
    }

    /** A new service began ({@code serving} or {@code call}): new attribution, and a fresh invite. */
    void serviceStarted(Attribution who, long nowNanos) {
        attribution = who;
        inviteOpen = true;
        inviteUntil = nowNanos + inviteNanos;
    }

    Attribution attribution() {
        return attribution;
    }

    /** How long the invite stays open from {@code nowNanos} (zero when closed or over), for the record. */
    Duration inviteLeft(long nowNanos) {
        return inviteOpen ? Duration.ofNanos(Math.max(0, inviteUntil - nowNanos)) : Duration.ZERO;
    }

    /**
     * The service a window had before a restart, with what was left of its invite then (from the wall clock
     * of the record, capped at {@code invite_s}); the lockout is not kept (it lasts seconds).
     */
    void restore(Attribution who, Duration inviteLeft, long nowNanos) {
        this.attribution = who;
        if (!inviteLeft.isNegative() && !inviteLeft.isZero()) {
            inviteOpen = true;
            inviteUntil = nowNanos + Math.min(inviteNanos, inviteLeft.toNanos());
        }
    }
}
