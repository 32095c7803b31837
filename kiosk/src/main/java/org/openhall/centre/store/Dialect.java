package org.openhall.centre.store;

/** The two databases the centre runs on, where their SQL differs. */
public enum Dialect {
    SQLITE("sqlite", ""),
    POSTGRESQL("postgresql", " FOR UPDATE");

    private final String migrations;
    private final String forUpdate;

    Dialect(String migrations, String forUpdate) {
        this.migrations = migrations;
        this.forUpdate = forUpdate;
    }

    /** The Flyway location of this database's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + migrations;
    }

    /** Appended to a SELECT that locks the rows it reads (SQLite locks the whole database on write instead). */
    public String forUpdate() {
        return forUpdate;
    }
}
