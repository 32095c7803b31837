package org.openhall.centre.testing;

import java.nio.file.Path;

/** A centre configuration for tests: a broker, a free HTTP port, SQLite in {@code dataDir} unless a URL is given. */
public final class CentreToml {
    private CentreToml() {}

    public static String of(String id, Path dataDir, String brokerUrl, int httpPort, String extra) {
        return """
                [centre]
                id = "%s"
                data_dir = "%s"
                timezone = "Asia/Shanghai"
                listen = "127.0.0.1:%d"
                [mqtt]
                servers = ["%s"]
                keepalive_s = 5
                %s
                """.formatted(id, dataDir, httpPort, brokerUrl, extra);
    }
}
