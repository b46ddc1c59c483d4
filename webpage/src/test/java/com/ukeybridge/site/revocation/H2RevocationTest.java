package com.ukeybridge.site.revocation;

import com.ukeybridge.site.testing.TestDatabases;

/** Revocation as relying parties see it, records on embedded H2. */
class H2RevocationTest extends RevocationContract {
    @Override
    String freshDatabase() {
        return TestDatabases.h2();
    }
}
