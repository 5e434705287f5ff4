-- The units pledged to an account (its page's "Units pledged to this account"): only pledged blocks are in this
-- index, so a pledgee's page reads its pledges without scanning every block, and free blocks (nearly all, and all
-- that the ledger's transfers write) cost nothing more to write. The pledgee is never changed in place by a transfer,
-- so block updates stay heap-only where they were.
CREATE INDEX unit_block_pledged ON unit_block (pledgee) WHERE pledgee <> 0;
