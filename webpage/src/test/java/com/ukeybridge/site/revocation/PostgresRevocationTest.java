package com.ukeybridge.site.revocation;

import com.ukeybridge.site.testing.TestDatabases;
import org.junit.jupiter.api.Tag;

/** Revocation as relying parties see it, records on PostgreSQL. */
@Tag("postgres")
class PostgresRevocationTest extends RevocationContract {
    @Override
    String freshDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    void dropDatabase(String url) {
        TestDatabases.dropPostgres(url);
    }
}
