package org.openhall.centre.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openhall.centre.store.CentreStore;

/**
 * A {@link Postgres} database of its own for every test, as a field with {@code @RegisterExtension}. It is
 * created before the test's own {@code @BeforeEach} methods, so that without a server the test is skipped (or
 * fails in CI) before a store was opened, and dropped after its {@code @AfterEach} methods closed the store.
 */
public final class PostgresPerTest implements BeforeEachCallback, AfterEachCallback {
    private Postgres database;

    @Override
    public void beforeEach(ExtensionContext context) {
        database = Postgres.create();
    }

    /** A centre store on this test's database, as {@link Postgres#store()}. */
    public CentreStore store() {
        return database.store();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
