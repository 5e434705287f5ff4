-- The serial trace's index (V26) held each transaction's span of serials alone, and every series numbers its serials
-- from 1: a lookup read the transactions around that serial number in every series (a vintage per year, a series per
-- offset project) and dropped the other series' afterwards. Here the span is keyed by its series: the series' id
-- (modulo 2^23, so the key never overflows; two series that share a key are told apart by series_id in the query) times
-- 2^40 (above the highest serial, 999,999,999,999), plus the serial.
DROP INDEX registry_transaction_serials;
DROP FUNCTION serial_span(text);

CREATE FUNCTION serial_span(series_id bigint, ranges text) RETURNS int8range
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN ranges IS NULL OR ranges = '' THEN NULL
               ELSE int8range((series_id % 8388608) * 1099511627776 + split_part(ranges, '-', 1)::bigint,
                              (series_id % 8388608) * 1099511627776
                                  + greatest(split_part(ranges, '-', 1)::bigint, split_part(ranges, '-', -1)::bigint), '[]') END $$;

CREATE INDEX registry_transaction_serials ON registry_transaction USING gist (serial_span(series_id, ranges)) WHERE status = 'COMPLETED';
