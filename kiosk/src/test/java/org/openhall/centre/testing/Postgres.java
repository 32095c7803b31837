package org.openhall.centre.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.StoreFactory;

/**
 * A throwaway PostgreSQL database for one test class, on the server that {@code .ci/run} starts. Found by
 * {@code CENTRE_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code CENTRE_TEST_PG_USER}
 * and {@code CENTRE_TEST_PG_PASSWORD} (default {@code kiosk_test}, a role with CREATEDB made by {@code .ci/run}).
 * Without a server the tests fail when {@code CI=true} or {@code CENTRE_TEST_PG_REQUIRED=true} (set by
 * {@code .ci/run}) and are skipped elsewhere. {@link PostgresPerTest} gives each test of a class its own.
 */
public final class Postgres implements AutoCloseable {
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String database;

    private Postgres(String adminUrl, String user, String password, String database) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    public static Postgres create() {
        String url = setting("CENTRE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = setting("CENTRE_TEST_PG_USER", "kiosk_test");
        String password = setting("CENTRE_TEST_PG_PASSWORD", "kiosk_test");
        String database = "centre_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI")) || "true".equals(System.getenv("CENTRE_TEST_PG_REQUIRED"))) {
                fail("PostgreSQL is required in CI (" + url + " as " + user + "): " + e.getMessage());
            }
            Assumptions.abort("no PostgreSQL at " + url + ": " + e.getMessage());
        }
        return new Postgres(url, user, password, database);
    }

    public String url() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A centre store on this database (each call a new one: a second is the centre after a restart). */
    public CentreStore store() {
        return StoreFactory.postgresql(url(), user, password);
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + database + ": " + e.getMessage());
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
