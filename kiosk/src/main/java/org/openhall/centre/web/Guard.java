package org.openhall.centre.web;

import java.time.Clock;
import java.util.Optional;
import org.openhall.centre.accounts.Accounts;
import org.openhall.centre.accounts.Principal;
import org.openhall.centre.accounts.Role;
import org.openhall.centre.accounts.Sessions;

/**
 * Who is asking: a {@code Bearer} token, or a signed session cookie (whose user must still exist; the role
 * is read fresh). A state-changing request on a session must carry the session's CSRF token (form field
 * {@code csrf} or header {@code X-CSRF-Token}); token requests need none (no browser sends them by itself).
 */
final class Guard {
    static final String SESSION_COOKIE = "centre_session";
    static final long SESSION_MS = 12 * 3600_000L;
    private final Accounts accounts;
    private final Sessions sessions;
    private final Clock clock;

    Guard(Accounts accounts, Sessions sessions, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Fills in the exchange's principal (and session nonce) when the request is authenticated. */
    void identify(Exchange x) {
        String auth = x.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            x.principal = accounts.byToken(auth.substring(7).strip()).orElse(null);
            return;
        }
        Optional<Sessions.Session> session = sessions.verify(x.cookie(SESSION_COOKIE), clock.millis());
        if (session.isPresent()) {
            Optional<Principal> user = accounts.user(session.get().name());
            if (user.isPresent()) {
                x.principal = user.get();
                x.sessionNonce = session.get().nonce();
            }
        }
    }

    String csrf(Exchange x) {
        return x.sessionNonce == null ? "" : sessions.csrfToken(new Sessions.Session("", 0, x.sessionNonce));
    }

    boolean csrfOk(Exchange x, String formValue) {
        if (x.principal == null || x.principal.viaToken()) {
            return true;
        }
        String presented = formValue != null ? formValue : x.header("X-CSRF-Token");
        return Sessions.same(presented, csrf(x));
    }

    /**
     * Whether a signed-in principal may make an API change that needs {@code role}: the role, and on a session
     * the CSRF header. Otherwise the exchange is answered 403 {@code forbidden} or {@code csrf}.
     */
    boolean allowed(Exchange x, Role role) {
        if (!x.principal.role().atLeast(role)) {
            x.error(403, "forbidden");
            return false;
        }
        if (!csrfOk(x, null)) {
            x.error(403, "csrf");
            return false;
        }
        return true;
    }

    String startSession(String user) {
        return sessions.issue(user, clock.millis() + SESSION_MS);
    }

    Sessions sessions() {
        return sessions;
    }
}
