-- Who granted or revoked a representative's role on an account, and when (rows are only ever added). The demo data
-- and migrations of existing registries grant roles without a row here (granted_by unknown).
CREATE TABLE representative_change (
    id         bigserial   PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES account,
    actor      text        NOT NULL,
    role       text        NOT NULL CHECK (role IN ('INITIATOR', 'APPROVER', 'READ_ONLY')),
    change     text        NOT NULL CHECK (change IN ('GRANTED', 'REVOKED')),
    changed_by text        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX representative_change_by_account ON representative_change (account_id, id);
ALTER TABLE account ADD COLUMN opened_by text;
