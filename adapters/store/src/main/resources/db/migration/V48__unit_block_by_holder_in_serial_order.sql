-- An account's blocks in serial order: the holder's index was (account, series, pledgee, first serial), so a page of an
-- account's blocks in (series, first serial) order (the API's and the statement's keyset, PgRegistryReadModel.blocks)
-- could not be read from it in order: PostgreSQL read the rest of the account's blocks and sorted them for every page.
-- With the pledgee last, the same index serves that order, the writer's load of a holding's blocks (account, series) and
-- ledger_write's updates and deletes (all four columns); it has the same entries as before, so a transfer writes no more.
CREATE INDEX unit_block_by_holder_in_order ON unit_block (account_id, series_id, first_serial, pledgee);
DROP INDEX unit_block_by_holder;
ALTER INDEX unit_block_by_holder_in_order RENAME TO unit_block_by_holder;
