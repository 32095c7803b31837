package org.openhall.centre.parcels;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.testing.PostgresPerTest;

class PostgresParcelDeskTest extends ParcelDeskContract {
    @RegisterExtension
    final PostgresPerTest postgres = new PostgresPerTest();

    @Override
    CentreStore open() {
        return postgres.store();
    }
}
