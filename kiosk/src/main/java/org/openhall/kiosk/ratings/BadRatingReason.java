package org.openhall.kiosk.ratings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.refusals.RefusedException;

/** Why a resident was dissatisfied, chosen on the touch page after a bad rating ({@code reasons} codes). */
public enum BadRatingReason {
    WAITING_TIME("waiting_time"),
    ATTITUDE("attitude"),
    NOT_DONE_ONCE("not_done_once"),
    UNCLEAR_REQUIREMENTS("unclear_requirements"),
    OTHER("other");

    private final String code;

    BadRatingReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<BadRatingReason> byCode(String code) {
        for (BadRatingReason reason : values()) {
            if (reason.code.equals(code)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    /**
     * The reasons of a rating, checked: known codes, each once, only with a bad level.
     *
     * @throws RefusedException {@code invalid_argument} otherwise
     */
    static List<String> checked(List<String> codes, Level level) {
        if (codes.isEmpty()) {
            return List.of();
        }
        if (!level.bad()) {
            throw Refusal.INVALID_ARGUMENT.because("reasons only come with a bad rating");
        }
        List<String> seen = new ArrayList<>();
        for (String code : codes) {
            if (code == null || byCode(code).isEmpty() || seen.contains(code)) {
                throw Refusal.INVALID_ARGUMENT.because("unknown or repeated reason");
            }
            seen.add(code);
        }
        return List.copyOf(seen);
    }
}
