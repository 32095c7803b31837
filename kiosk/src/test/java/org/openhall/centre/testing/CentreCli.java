package org.openhall.centre.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.openhall.centre.app.CentreMainAccess;

/** Runs {@code kiosk centre …} in this JVM and captures what it prints. */
public final class CentreCli {
    public record Result(int exit, String out, String err) {}

    private CentreCli() {}

    public static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CentreMainAccess.dispatch(Map.of(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A new API token of the given role for the centre configured in {@code config}. */
    public static String token(String config, String role) {
        Result r = run("", "token", "--config", config, "--role", role, "--name", "test-" + role);
        if (r.exit() != 0) {
            throw new IllegalStateException("token: " + r.err());
        }
        return r.out().strip();
    }
}
