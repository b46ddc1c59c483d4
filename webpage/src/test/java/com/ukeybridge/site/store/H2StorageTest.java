package com.ukeybridge.site.store;

import com.ukeybridge.site.testing.TestDatabases;

/** The storage contract on embedded H2, the default database. */
class H2StorageTest extends StorageContract {
    @Override
    String freshDatabase() {
        return TestDatabases.h2();
    }

    @Override
    String dropAppendOnlyTrigger() {
        return "DROP TRIGGER audit_events_append_only";
    }
}
