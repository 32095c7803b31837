package org.openhall.kiosk.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.openhall.kiosk.app.Kiosk;
import org.openhall.kiosk.app.StartupException;
import org.openhall.kiosk.config.ConfigLoader;
import org.openhall.kiosk.config.InvalidConfigException;
import org.openhall.kiosk.config.KioskConfig;

/**
 * A whole kiosk in this JVM under {@code --simulate}, on a temporary data dir, a given broker and an
 * ephemeral HTTP port. The TOML given is appended to a minimal base, so tests state only what matters.
 */
public final class TestKiosk implements AutoCloseable {
    /** The hall most tests use: general affairs (A) and social insurance (B). */
    public static final String TWO_CATEGORIES = """
            [[queue.categories]]
            code = "A"
            name = "综合受理"
            name_en = "General affairs"
            [[queue.categories]]
            code = "B"
            name = "社保医保"
            name_en = "Social insurance"
            """;

    private final Kiosk kiosk;
    private final Http http;

    private TestKiosk(Kiosk kiosk) {
        this.kiosk = kiosk;
        this.http = new Http(kiosk.httpPort());
    }

    public static String baseToml(String id, Path dataDir, String brokerUrl) {
        return """
                [kiosk]
                id = "%s"
                site = "test"
                timezone = "Asia/Shanghai"
                data_dir = "%s"
                [mqtt]
                servers = ["%s"]
                keepalive_s = 5
                [terminal]
                listen = "127.0.0.1:0"
                """.formatted(id, dataDir, brokerUrl);
    }

    public static KioskConfig config(String toml) {
        try {
            return new ConfigLoader(Map.of(), ZoneId.of("Asia/Shanghai")).parse("(test)", toml);
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException(e.report(), e);
        }
    }

    public static TestKiosk start(String id, Path dataDir, String brokerUrl, String extraToml) {
        return start(config(baseToml(id, dataDir, brokerUrl) + extraToml), Clock.system(ZoneId.of("Asia/Shanghai")));
    }

    public static TestKiosk start(KioskConfig config, Clock clock) {
        Kiosk kiosk = new Kiosk(config, true, clock, "test", Map.of());
        try {
            kiosk.start();
        } catch (StartupException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new TestKiosk(kiosk);
    }

    public Kiosk kiosk() {
        return kiosk;
    }

    public Http http() {
        return http;
    }

    public String topicRoot() {
        KioskConfig c = kiosk.config();
        return c.mqtt().topicPrefix() + "/" + c.kiosk().site() + "/" + c.kiosk().id();
    }

    @Override
    public void close() {
        kiosk.stop();
    }
}
