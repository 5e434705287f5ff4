-- The independent transaction log's own books (独立交易日志), in a schema of their own: the log never writes the
-- registry's tables (it only suspends accounts it stops), and the registry never reads or writes these.
-- Written to the SQL subset shared by PostgreSQL 15 and 17. See docs/reference/transaction-log.md.

CREATE SCHEMA txlog;

-- One row: the last journal seq the log has checked, and that entry's stored hash. A run locks it (and the
-- log's advisory lock) from loading its books to committing them, so two runs never interleave.
CREATE TABLE txlog.checkpoint (
    id         smallint PRIMARY KEY CHECK (id = 1),
    last_seq   bigint      NOT NULL CHECK (last_seq >= -1),
    last_hash  text        NOT NULL,
    updated_at timestamptz
);
INSERT INTO txlog.checkpoint (id, last_seq, last_hash) VALUES (1, -1, repeat('0', 64));

-- What the journal says each account holds of each series. Signed: after an overdraft the books show what the
-- journal did (the finding says it should not have). Rows of zero are deleted.
CREATE TABLE txlog.balance (
    account_id bigint NOT NULL,
    series_id  bigint NOT NULL,
    quantity   bigint NOT NULL,
    frozen     bigint NOT NULL,
    PRIMARY KEY (account_id, series_id)
);

-- Units of an account and series frozen to one pledgee (质押). Rows of zero are deleted.
CREATE TABLE txlog.pledge (
    account_id bigint NOT NULL,
    series_id  bigint NOT NULL,
    pledgee    bigint NOT NULL,
    quantity   bigint NOT NULL,
    PRIMARY KEY (account_id, series_id, pledgee)
);

-- Every series the journal issued into, under the code it was first issued with.
CREATE TABLE txlog.series (
    series_id   bigint PRIMARY KEY,
    series_code text   NOT NULL
);

-- The serials a series has issued: disjoint, merged ranges, replaced whenever the series is committed.
CREATE TABLE txlog.series_issued (
    series_id    bigint NOT NULL REFERENCES txlog.series,
    first_serial bigint NOT NULL,
    last_serial  bigint NOT NULL,
    PRIMARY KEY (series_id, first_serial),
    CHECK (first_serial >= 1 AND last_serial >= first_serial)
);

-- The log's record of each journalled transaction (the first, when an id repeats): enough to check a later
-- reversal and to audit for rewritten history. Upserted: a reversal sets reversed_by of the entry it reverses.
CREATE TABLE txlog.transaction_record (
    transaction_id bigint PRIMARY KEY,
    seq            bigint NOT NULL,
    hash           text   NOT NULL,
    type           text   NOT NULL,
    from_account   bigint NOT NULL,
    to_account     bigint NOT NULL,
    series_id      bigint NOT NULL,
    ranges         text   NOT NULL,
    reversed_by    bigint NOT NULL DEFAULT 0
);
CREATE INDEX transaction_record_by_seq ON txlog.transaction_record (seq);

CREATE SEQUENCE txlog.run_id;

-- One row per committed run ('RUN') or audit ('AUDIT'); a run that failed left nothing, and is repeated.
CREATE TABLE txlog.run (
    id               bigint      PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('RUN', 'AUDIT')),
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    from_seq         bigint      NOT NULL,
    through_seq      bigint      NOT NULL,
    head_hash        text        NOT NULL,
    entries_checked  int         NOT NULL CHECK (entries_checked >= 0),
    findings         int         NOT NULL CHECK (findings >= 0),
    discrepancies    int         NOT NULL CHECK (discrepancies >= 0),
    -- every account handed to the stopper (new findings and open discrepancies), and those it newly suspended
    stopped_accounts bigint[]    NOT NULL DEFAULT '{}',
    newly_suspended  bigint[]    NOT NULL DEFAULT '{}'
);
CREATE INDEX run_with_stops ON txlog.run (id) WHERE cardinality(stopped_accounts) > 0;

-- The balance mismatches open after the last commit; each commit replaces the set. opened_at/opened_run keep
-- when a mismatch with these exact numbers was first seen.
CREATE TABLE txlog.discrepancy (
    account_id        bigint      NOT NULL,
    series_id         bigint      NOT NULL,
    log_quantity      bigint      NOT NULL,
    log_frozen        bigint      NOT NULL,
    registry_quantity bigint      NOT NULL,
    registry_frozen   bigint      NOT NULL,
    opened_at         timestamptz NOT NULL,
    opened_run        bigint      NOT NULL REFERENCES txlog.run,
    PRIMARY KEY (account_id, series_id)
);

-- Everything the log found, append-only: never updated, never deleted.
CREATE TABLE txlog.finding (
    id             bigserial   PRIMARY KEY,
    run_id         bigint      NOT NULL REFERENCES txlog.run,
    seq            bigint      NOT NULL,
    transaction_id bigint      NOT NULL,
    code           text        NOT NULL,
    account_ids    bigint[]    NOT NULL,
    series_id      bigint      NOT NULL,
    detail         text        NOT NULL,
    detected_at    timestamptz NOT NULL
);
CREATE INDEX finding_by_run ON txlog.finding (run_id, id);

CREATE FUNCTION txlog.finding_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'txlog.finding is append-only';
END
$$;
CREATE TRIGGER finding_append_only BEFORE UPDATE OR DELETE ON txlog.finding
    FOR EACH ROW EXECUTE FUNCTION txlog.finding_is_append_only();
