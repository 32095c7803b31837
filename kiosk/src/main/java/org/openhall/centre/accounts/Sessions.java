package org.openhall.centre.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed session values: {@code name|expiresMs|nonce} and an HMAC-SHA256 over it with a key every centre
 * instance shares (kept in the database). The CSRF token of a session is an HMAC of its nonce, so it
 * needs no storage either.
 */
public final class Sessions {
    public record Session(String name, long expiresMs, String nonce) {}

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    public Sessions(byte[] key) {
        this.key = key.clone();
    }

    public String issue(String name, long expiresMs) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String body = b64(name.getBytes(StandardCharsets.UTF_8)) + "|" + expiresMs + "|" + b64(nonce);
        return body + "|" + b64(mac("session|" + body));
    }

    public Optional<Session> verify(String value, long nowMs) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\\|");
        if (parts.length != 4) {
            return Optional.empty();
        }
        String body = parts[0] + "|" + parts[1] + "|" + parts[2];
        try {
            if (!MessageDigest.isEqual(mac("session|" + body), Base64.getUrlDecoder().decode(parts[3]))) {
                return Optional.empty();
            }
            long expires = Long.parseLong(parts[1]);
            if (expires <= nowMs) {
                return Optional.empty();
            }
            return Optional.of(new Session(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8),
                    expires, parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String csrfToken(Session session) {
        return b64(mac("csrf|" + session.nonce()));
    }

    /** A token for the login form, bound to the random value of a short-lived cookie. */
    public String loginToken(String cookieValue) {
        return b64(mac("login|" + cookieValue));
    }

    public String randomValue() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return b64(bytes);
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
