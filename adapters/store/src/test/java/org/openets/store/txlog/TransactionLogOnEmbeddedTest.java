package org.openets.store.txlog;

import org.openets.store.TestDatabases;

/** The transaction log's store suite on the embedded PostgreSQL 17 the quick start uses. */
class TransactionLogOnEmbeddedTest extends TransactionLogStoreSuite {
    @Override TestDatabases.Target target() { return TestDatabases.Target.EMBEDDED; }
}
