package org.openhall.kiosk.ratings;

import java.time.Duration;
import java.time.Instant;
import org.openhall.kiosk.config.EvaluatorSettings;
import org.openhall.kiosk.refusals.Refusal;

/**
 * The rules of one evaluator as pure state over instants, no I/O: the lockout after a rating, the invite
 * (one rating per service when {@code require_invite}) and the attribution. Boundaries: a press exactly
 * {@code lockout_s} after the last rating is accepted again; an invite opened at t is valid for presses
 * before t + {@code invite_s}, not at it. Not thread-safe: {@link RatingService} serialises access.
 */
final class EvaluatorState {
    private final Duration lockout;
    private final boolean requireInvite;
    private final Duration inviteFor;
    private Instant lockedUntil = Instant.MIN;
    private Instant inviteUntil;
    private Attribution attribution = Attribution.NONE;

    EvaluatorState(EvaluatorSettings settings) {
        this.lockout = Duration.ofSeconds(settings.lockoutS());
        this.requireInvite = settings.requireInvite();
        this.inviteFor = Duration.ofSeconds(settings.inviteS());
    }

    /** Null when a rating at {@code now} is allowed, else why not. */
    Refusal refusal(Instant now) {
        if (now.isBefore(lockedUntil)) {
            return Refusal.LOCKED_OUT;
        }
        if (requireInvite && (inviteUntil == null || !now.isBefore(inviteUntil))) {
            return Refusal.NO_INVITE;
        }
        return null;
    }

    /** A rating at {@code now} was committed: start the lockout and use up the invite. */
    void rated(Instant now) {
        lockedUntil = now.plus(lockout);
        inviteUntil = null;
    }

    /** A new service began ({@code serving} or {@code call}): new attribution, and a fresh invite. */
    void serviceStarted(Attribution who, Instant now) {
        attribution = who;
        inviteUntil = now.plus(inviteFor);
    }

    Attribution attribution() {
        return attribution;
    }

    Instant inviteUntil() {
        return inviteUntil;
    }

    /** The service a window had before a restart; the lockout is not kept (it lasts seconds). */
    void restore(Attribution who, Instant inviteUntil) {
        this.attribution = who;
        this.inviteUntil = inviteUntil;
    }
}
