-- The serial trace (docs/reference/serial-numbers.md) finds the transactions that moved one serial number through an
-- index of each completed transaction's span of serials (its lowest to its highest serial), instead of reading every
-- completed transaction of the series and filtering them in the application: that grew with the series' history
-- (hundreds of thousands of rows for one lookup on a traded vintage). A transaction's ranges are sorted and disjoint
-- (Movements), so the span is its first range's first serial to its last range's last; a span may cover serials between
-- two ranges that the transaction did not move, and the reader filters those out by the ranges themselves.
-- The function takes what Ranges.format writes ('' for a transaction that moved nothing gives NULL); an unsorted value
-- could not fail a write (greatest), only narrow its span. It is a single expression, so PostgreSQL inlines it into the
-- index and into the query alike.
CREATE FUNCTION serial_span(ranges text) RETURNS int8range
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN ranges IS NULL OR ranges = '' THEN NULL
               ELSE int8range(split_part(ranges, '-', 1)::bigint,
                              greatest(split_part(ranges, '-', 1)::bigint, split_part(ranges, '-', -1)::bigint), '[]') END $$;

CREATE INDEX registry_transaction_serials ON registry_transaction USING gist (serial_span(ranges)) WHERE status = 'COMPLETED';

-- it served only the trace
DROP INDEX registry_transaction_series;
