-- ADR 0004: a transfer that takes part of a block now takes its highest serials, so the block that stays keeps its
-- key (series, first serial) and only its last serial changes. Without an index on last_serial, and with room left
-- in each page, PostgreSQL updates such a row in place (a heap-only tuple: no new index entries). The serial trace
-- finds the block holding a serial through the primary key instead (the block with the greatest first serial not
-- above it).
DROP INDEX unit_block_by_last;
ALTER TABLE unit_block SET (fillfactor = 75);
