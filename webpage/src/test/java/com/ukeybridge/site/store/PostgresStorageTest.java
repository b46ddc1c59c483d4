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
    void dropDatabase(String url) {
        TestDatabases.dropPostgres(url);
    }
}
