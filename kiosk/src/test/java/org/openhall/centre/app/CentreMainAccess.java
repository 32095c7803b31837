package org.openhall.centre.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** Lets tests in other packages run the centre's command line with their own streams. */
public final class CentreMainAccess {
    private CentreMainAccess() {}

    public static int dispatch(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, String... args) {
        return new CentreMain(env, in, out, err).dispatch(args);
    }
}
