-- A change of a jurisdiction's calendar (calendar_day, V44's calendar_day_change) is 4-eyes, as changes of caps and of
-- controls are (V35, V43): a day added or removed changes how many business hours a transfer delay counts, and a delay
-- is a control against theft. An administrator of the jurisdiction proposes a set of day changes with a reason (a
-- pending proposal, which changes nothing); a different administrator of that jurisdiction approves it, and only then
-- are the days written, all or nothing, each recorded in calendar_day_change with who proposed and who approved it.
-- The proposer withdraws it, another administrator declines it, each saying why; a proposal nobody decided lapses
-- (EXPIRED) when its window closes: the jurisdiction's approval_expiry_hours for its total-quantity account, as a
-- control change's. At most one calendar proposal of a jurisdiction is pending at a time. The day rules are checked
-- when proposed and again when approved. ('openets calendar import' stays the operator's direct change, route CLI.)
CREATE TABLE calendar_proposal (
    id           bigserial   PRIMARY KEY,
    jurisdiction text        NOT NULL REFERENCES jurisdiction,
    reason       text        NOT NULL CHECK (reason <> ''),
    route        text        NOT NULL CHECK (route IN ('PAGE', 'API')),
    proposed_by  text        NOT NULL,
    proposed_at  timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL CHECK (expires_at > proposed_at),
    status       text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED', 'WITHDRAWN', 'EXPIRED')),
    decided_by      text,
    decided_at      timestamptz,
    decision_reason text,
    CHECK ((status = 'PENDING') = (decided_at IS NULL)),
    CHECK (status NOT IN ('APPROVED', 'DECLINED') OR (decided_by IS NOT NULL AND decided_by <> proposed_by)),
    CHECK (status <> 'WITHDRAWN' OR decided_by = proposed_by),
    CHECK (status NOT IN ('DECLINED', 'WITHDRAWN') OR decision_reason IS NOT NULL),
    CHECK (status <> 'EXPIRED' OR decided_by IS NULL)
);
CREATE UNIQUE INDEX calendar_proposal_one_pending ON calendar_proposal (jurisdiction) WHERE status = 'PENDING';
CREATE INDEX calendar_proposal_by_expiry ON calendar_proposal (expires_at) WHERE status = 'PENDING';

-- The day changes a proposal makes, in the order proposed (line: the line of the notice, 1 for a single day): kind NULL
-- removes the day's entry; the note is the holiday's (or why it is removed).
CREATE TABLE calendar_proposal_day (
    proposal_id bigint NOT NULL REFERENCES calendar_proposal,
    line        int    NOT NULL,
    day         date   NOT NULL,
    kind        text   CHECK (kind IN ('HOLIDAY', 'MAKE_UP_WORKDAY')),
    note        text   NOT NULL CHECK (note <> ''),
    PRIMARY KEY (proposal_id, day)
);

-- A proposal is decided once: only a pending one changes, and only its outcome; none is deleted, nor its days changed.
CREATE FUNCTION calendar_proposal_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'calendar_proposal keeps every proposal: none is deleted';
    END IF;
    IF OLD.status <> 'PENDING' OR (to_jsonb(NEW) - ARRAY['status', 'decided_by', 'decided_at', 'decision_reason'])
            IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'decided_by', 'decided_at', 'decision_reason']) THEN
        RAISE EXCEPTION 'calendar_proposal %: a proposal is decided once, and what it proposes never changes', OLD.id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER calendar_proposal_decided_once BEFORE UPDATE OR DELETE ON calendar_proposal
    FOR EACH ROW EXECUTE FUNCTION calendar_proposal_decided_once();

CREATE FUNCTION calendar_proposal_day_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'calendar_proposal_day: what a proposal proposes never changes';
END $$;

CREATE TRIGGER calendar_proposal_day_fixed BEFORE UPDATE OR DELETE ON calendar_proposal_day
    FOR EACH ROW EXECUTE FUNCTION calendar_proposal_day_fixed();

-- A change applied by an approval names its approver (changed_by is its proposer) and its proposal; a change made
-- directly (the CLI's operator, and the changes before this migration) has neither.
ALTER TABLE calendar_day_change ADD COLUMN approved_by text, ADD COLUMN proposal_id bigint REFERENCES calendar_proposal,
    ADD CONSTRAINT calendar_day_change_approved_by_another CHECK (approved_by IS NULL OR approved_by <> changed_by),
    ADD CONSTRAINT calendar_day_change_approved_with_proposal CHECK ((approved_by IS NULL) = (proposal_id IS NULL));
