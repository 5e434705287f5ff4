-- Who changed an account's status, when and why (an administrator, or the platform itself: actor NULL, e.g. the
-- independent transaction log stopping an account). Rows are only ever added.
CREATE TABLE account_status_change (
    id         bigserial   PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES account,
    old_status text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('OPEN', 'RESTRICTED', 'SUSPENDED', 'BLOCKED_NON_COMPLIANCE', 'CLOSED')),
    reason     text        NOT NULL,
    actor      text,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_status_change_by_account ON account_status_change (account_id, id);
