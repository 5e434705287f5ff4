-- A cap (issuance_limit) is a rule parameter: a change never edits history. issuance_limit keeps the current value
-- (the ledger reads it, and V12's trigger moves the reference generation on every change of it); every value it has
-- had is kept here, with who set it (NULL: the platform itself, e.g. demo data, tests, a migration), when and on which
-- source (a regulation or notice number). Rows are only ever added, in the transaction that sets the cap.
CREATE TABLE issuance_limit_change (
    id        bigserial   PRIMARY KEY,
    unit_type text        NOT NULL REFERENCES unit_type,
    vintage   int         NOT NULL,
    previous  bigint,
    quantity  bigint      NOT NULL CHECK (quantity >= 0),
    source    text,
    set_by    text,
    set_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX issuance_limit_change_by_cap ON issuance_limit_change (unit_type, vintage, id);

-- the caps set before this history was kept: their current value is their first version (who and when unknown)
INSERT INTO issuance_limit_change (unit_type, vintage, previous, quantity, source, set_by)
SELECT unit_type, vintage, NULL, quantity, source, NULL FROM issuance_limit ORDER BY unit_type, vintage;

CREATE FUNCTION issuance_limit_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'issuance_limit_change keeps every version of a cap: rows are only ever added';
END $$;

CREATE TRIGGER issuance_limit_change_append_only BEFORE UPDATE OR DELETE ON issuance_limit_change
    FOR EACH ROW EXECUTE FUNCTION issuance_limit_change_append_only();
