package com.ukeybridge.site.renewal;

import com.ukeybridge.site.testing.TestDatabases;
import org.junit.jupiter.api.Tag;

/** One renewal per certificate through two instances on PostgreSQL. */
@Tag("postgres")
class PostgresRenewalOnceTest extends RenewalOnceContract {
    @Override
    String freshDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    void dropDatabase(String url) {
        TestDatabases.dropPostgres(url);
    }
}
