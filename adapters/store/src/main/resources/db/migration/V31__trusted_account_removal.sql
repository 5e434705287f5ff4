-- Entries removed from an account's trusted list. A removal takes effect at once (only an addition waits for the
-- activation delay): the row leaves trusted_account, which moves the 'reference' generation (V12) so the ledger's
-- writer drops the list it cached. The entry as it was (who added it, from when it was active) is kept here with
-- who removed it and when, by a trigger on any deletion, also by hand in SQL (removed_by is then unknown: NULL).
-- Rows are only added. The platform names the remover for its own transaction: set_config('openets.actor', login, true).
CREATE TABLE trusted_account_removal (
    id                 bigserial   PRIMARY KEY,
    account_id         bigint      NOT NULL REFERENCES account,
    trusted_account_id bigint      NOT NULL REFERENCES account,
    activates_at       timestamptz NOT NULL,
    added_by           text,
    removed_at         timestamptz NOT NULL DEFAULT now(),
    removed_by         text
);
CREATE INDEX trusted_account_removal_by_account ON trusted_account_removal (account_id, id);

CREATE FUNCTION trusted_account_keep_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO trusted_account_removal (account_id, trusted_account_id, activates_at, added_by, removed_by)
    VALUES (OLD.account_id, OLD.trusted_account_id, OLD.activates_at, OLD.added_by, nullif(current_setting('openets.actor', true), ''));
    RETURN OLD;
END $$;

CREATE TRIGGER trusted_account_keep_removed AFTER DELETE ON trusted_account
    FOR EACH ROW EXECUTE FUNCTION trusted_account_keep_removed();
