-- The controls of an account type of a jurisdiction (control_setting: V1, V42) are changed 4-eyes, as caps are (V35,
-- V39): an administrator of the jurisdiction proposes new values for one (jurisdiction, account type) with a reason (a
-- pending proposal, which changes nothing); a different administrator of that jurisdiction approves it, and only then
-- are the controls written, under the ledger's lock (control_setting's V12 trigger moves the reference generation at
-- commit, so the ledger writer's next group reads them again). The proposer withdraws it, another administrator
-- declines it, each saying why; a proposal nobody decided lapses (EXPIRED) when its window closes: the jurisdiction's
-- approval_expiry_hours for its total-quantity account, the window a cap change gets. At most one proposal of a
-- (jurisdiction, account type) is pending at a time. A proposal keeps the controls it was proposed against (base_*):
-- an approval is refused (CONTROLS_CHANGED) when they changed meanwhile.
-- Hours are bounded: at most 8760 (a year), the approval window at least 1.
CREATE TABLE control_setting_proposal (
    id                                  bigserial   PRIMARY KEY,
    jurisdiction                        text        NOT NULL,
    account_type                        text        NOT NULL,
    four_eyes                           boolean     NOT NULL,
    approval_expiry_hours               int         NOT NULL CHECK (approval_expiry_hours BETWEEN 1 AND 8760),
    trusted_delay_hours                 int         NOT NULL CHECK (trusted_delay_hours BETWEEN 0 AND 8760),
    untrusted_policy                    text        NOT NULL CHECK (untrusted_policy IN ('REFUSE', 'DELAY')),
    untrusted_delay_hours               int         NOT NULL CHECK (untrusted_delay_hours BETWEEN 0 AND 8760),
    trusted_activation_hours            int         NOT NULL CHECK (trusted_activation_hours BETWEEN 0 AND 8760),
    administrators_approve_holders      boolean     NOT NULL,
    -- the controls as they were when proposed: approved only while they still are
    base_four_eyes                      boolean     NOT NULL,
    base_approval_expiry_hours          int         NOT NULL,
    base_trusted_delay_hours            int         NOT NULL,
    base_untrusted_policy               text        NOT NULL,
    base_untrusted_delay_hours          int         NOT NULL,
    base_trusted_activation_hours       int         NOT NULL,
    base_administrators_approve_holders boolean     NOT NULL,
    -- why the proposer proposes it (a regulation, a notice, a decision)
    reason      text        NOT NULL CHECK (reason <> ''),
    -- the proposer's own ids, as a cap proposer's: the same id again answers with this proposal
    command_id  text        NOT NULL,
    proposed_by text        NOT NULL,
    proposed_at timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL CHECK (expires_at > proposed_at),
    status      text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED', 'WITHDRAWN', 'EXPIRED')),
    -- who ended it (NULL for EXPIRED: the platform), when, and why (a decline or a withdrawal says why)
    decided_by      text,
    decided_at      timestamptz,
    decision_reason text,
    FOREIGN KEY (jurisdiction, account_type) REFERENCES control_setting,
    CHECK ((status = 'PENDING') = (decided_at IS NULL)),
    CHECK (status NOT IN ('APPROVED', 'DECLINED') OR (decided_by IS NOT NULL AND decided_by <> proposed_by)),
    CHECK (status <> 'WITHDRAWN' OR decided_by = proposed_by),
    CHECK (status NOT IN ('DECLINED', 'WITHDRAWN') OR decision_reason IS NOT NULL),
    CHECK (status <> 'EXPIRED' OR decided_by IS NULL)
);
CREATE UNIQUE INDEX control_setting_proposal_one_pending ON control_setting_proposal (jurisdiction, account_type) WHERE status = 'PENDING';
CREATE UNIQUE INDEX control_setting_proposal_command_id ON control_setting_proposal (proposed_by, command_id);
CREATE INDEX control_setting_proposal_by_expiry ON control_setting_proposal (expires_at) WHERE status = 'PENDING';

-- A proposal is decided once: only a pending one changes, and only its outcome; none is deleted.
CREATE FUNCTION control_setting_proposal_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'control_setting_proposal keeps every proposal: none is deleted';
    END IF;
    IF OLD.status <> 'PENDING' OR (to_jsonb(NEW) - ARRAY['status', 'decided_by', 'decided_at', 'decision_reason'])
            IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'decided_by', 'decided_at', 'decision_reason']) THEN
        RAISE EXCEPTION 'control_setting_proposal %: a proposal is decided once, and what it proposes never changes', OLD.id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER control_setting_proposal_decided_once BEFORE UPDATE OR DELETE ON control_setting_proposal
    FOR EACH ROW EXECUTE FUNCTION control_setting_proposal_decided_once();

-- Every change of the controls applied through a 4-eyes approval: the controls before and after, why, who proposed
-- it, who approved it (a different person), when, and from which proposal. Rows are only ever added, in the
-- transaction that writes the controls. (Changes made by hand in SQL, as before this migration, leave no row.)
CREATE TABLE control_setting_change (
    id                                  bigserial   PRIMARY KEY,
    jurisdiction                        text        NOT NULL,
    account_type                        text        NOT NULL,
    old_four_eyes                       boolean     NOT NULL,
    old_approval_expiry_hours           int         NOT NULL,
    old_trusted_delay_hours             int         NOT NULL,
    old_untrusted_policy                text        NOT NULL,
    old_untrusted_delay_hours           int         NOT NULL,
    old_trusted_activation_hours        int         NOT NULL,
    old_administrators_approve_holders  boolean     NOT NULL,
    four_eyes                           boolean     NOT NULL,
    approval_expiry_hours               int         NOT NULL,
    trusted_delay_hours                 int         NOT NULL,
    untrusted_policy                    text        NOT NULL,
    untrusted_delay_hours               int         NOT NULL,
    trusted_activation_hours            int         NOT NULL,
    administrators_approve_holders      boolean     NOT NULL,
    reason      text        NOT NULL,
    proposed_by text        NOT NULL,
    approved_by text        NOT NULL,
    proposal_id bigint      NOT NULL UNIQUE REFERENCES control_setting_proposal,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (jurisdiction, account_type) REFERENCES control_setting,
    CHECK (approved_by <> proposed_by)
);
CREATE INDEX control_setting_change_by_setting ON control_setting_change (jurisdiction, account_type, id);

CREATE FUNCTION control_setting_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'control_setting_change keeps every change of the controls: rows are only ever added';
END $$;

CREATE TRIGGER control_setting_change_append_only BEFORE UPDATE OR DELETE ON control_setting_change
    FOR EACH ROW EXECUTE FUNCTION control_setting_change_append_only();
