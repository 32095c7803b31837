package org.openhall.centre.accounts;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openhall.centre.store.Account;
import org.openhall.centre.store.CentreStore;

/** Users (name, role, password hash) and API tokens (stored hashed) in the store. */
public final class Accounts {
    public static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$");
    private final CentreStore store;
    private final PasswordHasher hasher;
    private final Tokens tokens = new Tokens();
    private final Clock clock;

    public Accounts(CentreStore store, PasswordHasher hasher, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
    }

    public void addUser(String name, Role role, char[] password) {
        store.putUser(new Account(name, role.word(), hasher.hash(password)), clock.millis());
    }

    /** The user when the password matches; an unknown name costs the same hashing time as a wrong password. */
    public Optional<Principal> signIn(String name, char[] password) {
        Optional<Account> user = store.user(name);
        boolean ok = hasher.matches(password, user.map(Account::secretHash).orElse(DUMMY_HASH));
        return ok && user.isPresent() ? principal(user.get(), false) : Optional.empty();
    }

    public Optional<Principal> user(String name) {
        return store.user(name).flatMap(a -> principal(a, false));
    }

    /** Creates a token and returns it; only its hash is stored. */
    public String newToken(String name, Role role) {
        String token = tokens.newToken();
        store.addToken(new Account(name, role.word(), Tokens.hash(token)), clock.millis());
        return token;
    }

    public Optional<Principal> byToken(String token) {
        return store.tokenByHash(Tokens.hash(token)).flatMap(a -> principal(a, true));
    }

    private static Optional<Principal> principal(Account a, boolean token) {
        return Role.of(a.role()).map(r -> new Principal(a.name(), r, token));
    }

    /** A well-formed hash of a random password, compared against when the user does not exist. */
    private static final String DUMMY_HASH = "pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA$"
            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
}
