-- A serial block belongs to a holding: the row of its account and series in `holding`, whose quantity is the sum of its
-- blocks. The block used to reference its account and its series by two keys of its own; one key to the holding says
-- more (a block can no longer exist where its account holds nothing of the series on record) and checks one row per
-- inserted block instead of two (the holding's own keys still reference the account and the series). Measured on the
-- bench database (docs/benchmarks.md, 2026-11-25): inserting 800 blocks, the key checks took 2.9–3.1 ms against
-- 6.1–10.8 ms for the two keys. A block's key columns change only when a whole block moves to another account, and the
-- ledger writes the receiver's holding in the same statement (ledger_write); the checks run at the statement's end.
-- Locks: Flyway runs this in one transaction, so unit_block, account and unit_series are held exclusively (the dropped
-- keys' tables) and holding in SHARE ROW EXCLUSIVE until it commits, while the existing blocks are checked (seconds on a
-- million blocks); run it with the servers stopped, as every upgrade (docs/reference/operations.md). It fails, and
-- changes nothing, if some block's account holds nothing of its series on record: the registry's invariant is broken.
ALTER TABLE unit_block ADD CONSTRAINT unit_block_holding_fkey
    FOREIGN KEY (account_id, series_id) REFERENCES holding (account_id, series_id) NOT VALID;
ALTER TABLE unit_block VALIDATE CONSTRAINT unit_block_holding_fkey;
ALTER TABLE unit_block DROP CONSTRAINT unit_block_account_id_fkey, DROP CONSTRAINT unit_block_series_id_fkey;
