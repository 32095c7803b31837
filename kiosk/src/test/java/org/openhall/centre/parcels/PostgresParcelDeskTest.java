package org.openhall.centre.parcels;

import org.junit.jupiter.api.AfterEach;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.StoreFactory;
import org.openhall.centre.testing.Postgres;

class PostgresParcelDeskTest extends ParcelDeskContract {
    private Postgres database;

    @Override
    CentreStore open() {
        database = Postgres.create();
        return StoreFactory.postgresql(database.url(), database.user(), database.password());
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
