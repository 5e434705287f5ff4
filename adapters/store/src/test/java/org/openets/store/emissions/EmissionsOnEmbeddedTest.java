package org.openets.store.emissions;

import org.openets.store.TestDatabases;

/** The emissions store suite on the embedded PostgreSQL 17 the quick start uses. */
class EmissionsOnEmbeddedTest extends EmissionsStoreSuite {
    @Override TestDatabases.Target target() { return TestDatabases.Target.EMBEDDED; }
}
