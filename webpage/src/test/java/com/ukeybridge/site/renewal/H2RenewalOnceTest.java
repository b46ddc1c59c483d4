package com.ukeybridge.site.renewal;

import com.ukeybridge.site.testing.TestDatabases;

/** One renewal per certificate through two instances on embedded H2. */
class H2RenewalOnceTest extends RenewalOnceContract {
    @Override
    String freshDatabase() {
        return TestDatabases.h2();
    }
}
