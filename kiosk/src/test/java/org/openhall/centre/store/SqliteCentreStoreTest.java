package org.openhall.centre.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteCentreStoreTest extends CentreStoreContract {
    @TempDir
    Path dataDir;

    @Override
    CentreStore open() {
        return StoreFactory.sqlite(dataDir);
    }

    @Override
    CentreStore reopen() {
        return StoreFactory.sqlite(dataDir);
    }
}
