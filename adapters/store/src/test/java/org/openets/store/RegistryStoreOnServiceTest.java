package org.openets.store;

/** The store suite on the machine's PostgreSQL service (15 here), as production would run it. */
class RegistryStoreOnServiceTest extends RegistryStoreSuite {
    @Override TestDatabases.Target target() { return TestDatabases.Target.SERVICE; }
}
