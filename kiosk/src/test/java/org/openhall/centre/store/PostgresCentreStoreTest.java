package org.openhall.centre.store;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhall.centre.testing.PostgresPerTest;

class PostgresCentreStoreTest extends CentreStoreContract {
    @RegisterExtension
    final PostgresPerTest postgres = new PostgresPerTest();

    @Override
    CentreStore open() {
        return postgres.store();
    }

    @Override
    CentreStore reopen() {
        return postgres.store();
    }
}
