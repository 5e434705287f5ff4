-- Generations that let the ledger's single writer keep the registry's state in memory between group commits
-- (ADR 0003). 'ledger' moves on every commit of a ledger writer; a writer whose last commit was not the latest
-- (another platform process wrote in between) drops what it holds. 'reference' moves, at commit, with every change
-- of the reference data the writer caches (accounts, representatives, administrators, the trusted list, controls,
-- holding rules, unit types, calendars, caps), whoever makes it, even by hand in SQL.
CREATE TABLE ledger_generation (
    name  text   PRIMARY KEY CHECK (name IN ('ledger', 'reference')),
    value bigint NOT NULL
);
INSERT INTO ledger_generation (name, value) VALUES ('ledger', 0), ('reference', 0);

CREATE FUNCTION bump_reference_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_generation SET value = value + 1 WHERE name = 'reference';
    RETURN NULL;
END $$;

-- Deferred to commit, so the new generation becomes visible together with the change (never before it), and the
-- generation row is the last lock any transaction takes (no lock-order inversion with the rows it changed).
CREATE CONSTRAINT TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE ON account
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_reference_generation();
CREATE CONSTRAINT TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE ON representative
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_reference_generation();
CREATE CONSTRAINT TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE ON registry_administrator
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_reference_generation();
CREATE CONSTRAINT TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE ON trusted_account
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_reference_generation();
CREATE CONSTRAINT TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE ON control_setting
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_reference_generation();
CREATE CONSTRAINT TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE ON holding_rule
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_reference_generation();
CREATE CONSTRAINT TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE ON unit_type
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_reference_generation();
CREATE CONSTRAINT TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE ON calendar_day
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_reference_generation();
CREATE CONSTRAINT TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE ON jurisdiction
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_reference_generation();
CREATE CONSTRAINT TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE ON issuance_limit
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_reference_generation();

-- A ledger writer's first statement in every group commit: take the ledger's lock, then read both generations
-- (a VOLATILE function takes a fresh snapshot per statement, so the read sees every commit made before the lock).
CREATE FUNCTION ledger_begin(lock_key bigint) RETURNS TABLE (ledger bigint, reference bigint) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    RETURN QUERY SELECT (SELECT value FROM ledger_generation WHERE name = 'ledger'),
                        (SELECT value FROM ledger_generation WHERE name = 'reference');
END $$;
