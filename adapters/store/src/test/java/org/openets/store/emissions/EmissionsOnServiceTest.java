package org.openets.store.emissions;

import org.openets.store.TestDatabases;

/** The emissions store suite on the machine's PostgreSQL service (15 here), as production would run it. */
class EmissionsOnServiceTest extends EmissionsStoreSuite {
    @Override TestDatabases.Target target() { return TestDatabases.Target.SERVICE; }
}
