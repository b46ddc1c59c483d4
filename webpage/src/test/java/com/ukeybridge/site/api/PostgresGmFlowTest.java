package com.ukeybridge.site.api;

import com.ukeybridge.site.testing.TestDatabases;
import org.junit.jupiter.api.Tag;

/** The GM flows on PostgreSQL (a fresh schema); skip with {@code -DexcludedTestGroups=postgres}. */
@Tag("postgres")
class PostgresGmFlowTest extends GmFlowContract {
    @Override
    String freshDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    void dropDatabase(String url) {
        TestDatabases.dropPostgres(url);
    }
}
