-- Why a pending transaction was declined: required of whoever declines it, written with the decline in the ledger's
-- unit of work (who declined and when are on the transaction, as approved_by and approved_at). The key is checked at
-- commit, because a decline may be written while the group that proposed the transaction commits (ADR 0005).
CREATE TABLE transaction_decline (
    transaction_id bigint PRIMARY KEY REFERENCES registry_transaction (id) DEFERRABLE INITIALLY DEFERRED,
    reason         text   NOT NULL CHECK (length(reason) BETWEEN 1 AND 500)
);
