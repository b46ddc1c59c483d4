package com.ukeybridge.site.store;

import com.ukeybridge.site.testing.TestDatabases;
import org.junit.jupiter.api.Tag;

/**
 * The storage contract on a real PostgreSQL (a fresh schema per test). Fails when the server is
 * unreachable; skip with {@code -DexcludedTestGroups=postgres}.
 */
@Tag("postgres")
class PostgresStorageTest extends StorageContract {
    @Override
    String freshDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    String dropAppendOnlyTrigger() {
        return "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only";
    }

    @Override
    void dropDatabase(String url) {
        TestDatabases.dropPostgres(url);
    }
}
