package org.openhall.centre.parcels;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.StoreFactory;

class SqliteParcelDeskTest extends ParcelDeskContract {
    @TempDir
    Path dataDir;

    @Override
    CentreStore open() {
        return StoreFactory.sqlite(dataDir);
    }
}
