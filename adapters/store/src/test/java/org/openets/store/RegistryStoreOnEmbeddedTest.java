package org.openets.store;

/** The store suite on the embedded PostgreSQL 17 the quick start uses. */
class RegistryStoreOnEmbeddedTest extends RegistryStoreSuite {
    @Override TestDatabases.Target target() { return TestDatabases.Target.EMBEDDED; }
}
