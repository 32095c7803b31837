package org.openhall.centre.reports;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.testing.PostgresPerTest;

class PostgresReportsTest extends ReportsContract {
    @RegisterExtension
    final PostgresPerTest postgres = new PostgresPerTest();

    @Override
    CentreStore open() {
        return postgres.store();
    }
}
