package org.openets.store.txlog;

import org.openets.store.TestDatabases;

/** The transaction log's store suite on the machine's PostgreSQL service (15 here), as production would run it. */
class TransactionLogOnServiceTest extends TransactionLogStoreSuite {
    @Override TestDatabases.Target target() { return TestDatabases.Target.SERVICE; }
}
