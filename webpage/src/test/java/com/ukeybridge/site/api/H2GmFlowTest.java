package com.ukeybridge.site.api;

import com.ukeybridge.site.testing.TestDatabases;

/** The GM flows on H2. */
class H2GmFlowTest extends GmFlowContract {
    @Override
    String freshDatabase() {
        return TestDatabases.h2();
    }

    @Override
    void dropDatabase(String url) {
    }
}
