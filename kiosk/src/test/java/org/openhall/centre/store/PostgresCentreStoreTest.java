package org.openhall.centre.store;

import org.junit.jupiter.api.AfterEach;
import org.openhall.centre.testing.Postgres;

class PostgresCentreStoreTest extends CentreStoreContract {
    private Postgres database;

    @Override
    CentreStore open() {
        database = Postgres.create();
        return reopen();
    }

    @Override
    CentreStore reopen() {
        return StoreFactory.postgresql(database.url(), database.user(), database.password());
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
