-- An addition to an account's trusted list where the account type's controls ask for 4-eyes (control_setting.four_eyes,
-- as the EU registry requires after the 2010-2011 phishing thefts): the addition is pending, not trusted (the ledger
-- reads trusted_account only), until a different person approves it: a representative of the account with the
-- approver role, or an administrator of its jurisdiction where administrators_approve_holders allows. The approval
-- writes the trusted_account entry, its activation delay counted from the approval, under the ledger's lock and in the
-- same transaction (trusted_account's V12 trigger moves the reference generation, so the writer reads the list again).
-- Another person declines it, the proposer withdraws it; an addition nobody decided lapses (EXPIRED) after the account
-- type's approval_expiry_hours (calendar hours). At most one addition of an entry is pending at a time.
CREATE TABLE trusted_account_addition (
    id                 bigserial   PRIMARY KEY,
    account_id         bigint      NOT NULL REFERENCES account,
    trusted_account_id bigint      NOT NULL REFERENCES account,
    proposed_by        text        NOT NULL,
    proposed_at        timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL CHECK (expires_at > proposed_at),
    status             text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED', 'WITHDRAWN', 'EXPIRED')),
    -- who ended it (NULL for EXPIRED: the platform), when, and why (a decline says why)
    decided_by         text,
    decided_at         timestamptz,
    decision_reason    text,
    CHECK (account_id <> trusted_account_id),
    CHECK ((status = 'PENDING') = (decided_at IS NULL)),
    CHECK (status NOT IN ('APPROVED', 'DECLINED') OR (decided_by IS NOT NULL AND decided_by <> proposed_by)),
    CHECK (status <> 'WITHDRAWN' OR decided_by = proposed_by),
    CHECK (status <> 'DECLINED' OR decision_reason IS NOT NULL),
    CHECK (status <> 'EXPIRED' OR decided_by IS NULL)
);
CREATE UNIQUE INDEX trusted_account_addition_one_pending ON trusted_account_addition (account_id, trusted_account_id) WHERE status = 'PENDING';
CREATE INDEX trusted_account_addition_by_account ON trusted_account_addition (account_id) WHERE status = 'PENDING';

-- An addition is decided once: only a pending one changes, and only its outcome; none is deleted.
CREATE FUNCTION trusted_account_addition_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'trusted_account_addition keeps every addition: none is deleted';
    END IF;
    IF OLD.status <> 'PENDING' OR (to_jsonb(NEW) - ARRAY['status', 'decided_by', 'decided_at', 'decision_reason'])
            IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'decided_by', 'decided_at', 'decision_reason']) THEN
        RAISE EXCEPTION 'trusted_account_addition %: an addition is decided once, and what it adds never changes', OLD.id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER trusted_account_addition_decided_once BEFORE UPDATE OR DELETE ON trusted_account_addition
    FOR EACH ROW EXECUTE FUNCTION trusted_account_addition_decided_once();
