-- A cap change through the pages and the API is 4-eyes: one administrator of the unit type's issuer proposes it (a
-- pending proposal, which changes nothing), a different administrator of that jurisdiction approves it, and only then
-- is the cap written (issuance_limit, and its version in issuance_limit_change). Either side may end it first: the
-- proposer withdraws it, another administrator declines it, each with a reason; a proposal nobody decided lapses
-- (EXPIRED) when its window closes: the issuer's approval_expiry_hours for its total-quantity account, the window an
-- issuance of that unit type gets. At most one proposal of a unit type and vintage is pending at a time.
CREATE TABLE issuance_limit_proposal (
    id          bigserial   PRIMARY KEY,
    unit_type   text        NOT NULL REFERENCES unit_type,
    vintage     int         NOT NULL CHECK (vintage BETWEEN 2005 AND 2100),
    quantity    bigint      NOT NULL CHECK (quantity > 0),
    source      text        NOT NULL CHECK (source <> ''),
    -- the proposer's own ids, as an account opener's (V34): the same id again answers with this proposal
    command_id  text        NOT NULL,
    proposed_by text        NOT NULL,
    proposed_at timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL CHECK (expires_at > proposed_at),
    status      text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED', 'WITHDRAWN', 'EXPIRED')),
    -- who ended it (NULL for EXPIRED: the platform), when, and why (a decline or a withdrawal says why)
    decided_by  text,
    decided_at  timestamptz,
    reason      text,
    CHECK ((status = 'PENDING') = (decided_at IS NULL)),
    -- one person is one person: the proposer never approves, nor declines (they withdraw)
    CHECK (status NOT IN ('APPROVED', 'DECLINED') OR (decided_by IS NOT NULL AND decided_by <> proposed_by)),
    CHECK (status <> 'WITHDRAWN' OR decided_by = proposed_by),
    CHECK (status NOT IN ('DECLINED', 'WITHDRAWN') OR reason IS NOT NULL),
    CHECK (status <> 'EXPIRED' OR decided_by IS NULL)
);
CREATE UNIQUE INDEX issuance_limit_proposal_one_pending ON issuance_limit_proposal (unit_type, vintage) WHERE status = 'PENDING';
CREATE UNIQUE INDEX issuance_limit_proposal_command_id ON issuance_limit_proposal (proposed_by, command_id);
CREATE INDEX issuance_limit_proposal_by_expiry ON issuance_limit_proposal (expires_at) WHERE status = 'PENDING';

-- A proposal is decided once: only a pending one changes, and only its outcome (status, who, when, why); none is deleted.
CREATE FUNCTION issuance_limit_proposal_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'issuance_limit_proposal keeps every proposal: none is deleted';
    END IF;
    IF OLD.status <> 'PENDING' OR (NEW.unit_type, NEW.vintage, NEW.quantity, NEW.source, NEW.command_id, NEW.proposed_by, NEW.proposed_at, NEW.expires_at)
            IS DISTINCT FROM (OLD.unit_type, OLD.vintage, OLD.quantity, OLD.source, OLD.command_id, OLD.proposed_by, OLD.proposed_at, OLD.expires_at) THEN
        RAISE EXCEPTION 'issuance_limit_proposal %: a proposal is decided once, and what it proposes never changes', OLD.id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER issuance_limit_proposal_decided_once BEFORE UPDATE OR DELETE ON issuance_limit_proposal
    FOR EACH ROW EXECUTE FUNCTION issuance_limit_proposal_decided_once();

-- How each version of a cap came to be (route):
--   FOUR_EYES         proposed by proposed_by, approved by set_by (a different person), from proposal proposal_id;
--   OPERATOR          set by the platform operator with 'openets caps set' on the server, acting as set_by;
--   PLATFORM          the platform itself (demo data, tests, benchmarks): set_by NULL;
--   BEFORE_FOUR_EYES  a version from before this migration, when one administrator set a cap alone (in the pages, the
--                     API or the CLI), or the platform when set_by is NULL. The existing rows take this value from the
--                     column's default (no row is rewritten); new rows always name their route.
ALTER TABLE issuance_limit_change
    ADD COLUMN route       text   NOT NULL DEFAULT 'BEFORE_FOUR_EYES',
    ADD COLUMN proposed_by text,
    ADD COLUMN proposal_id bigint REFERENCES issuance_limit_proposal;
ALTER TABLE issuance_limit_change ALTER COLUMN route DROP DEFAULT;
ALTER TABLE issuance_limit_change
    ADD CONSTRAINT issuance_limit_change_route CHECK (route IN ('FOUR_EYES', 'OPERATOR', 'PLATFORM', 'BEFORE_FOUR_EYES')),
    ADD CONSTRAINT issuance_limit_change_four_eyes CHECK ((route = 'FOUR_EYES') = (proposal_id IS NOT NULL)
        AND (route <> 'FOUR_EYES' OR (set_by IS NOT NULL AND proposed_by IS NOT NULL AND set_by <> proposed_by))),
    ADD CONSTRAINT issuance_limit_change_proposer CHECK (route = 'FOUR_EYES' OR proposed_by IS NULL),
    ADD CONSTRAINT issuance_limit_change_operator CHECK (route <> 'OPERATOR' OR set_by IS NOT NULL),
    ADD CONSTRAINT issuance_limit_change_platform CHECK (route <> 'PLATFORM' OR set_by IS NULL);
CREATE UNIQUE INDEX issuance_limit_change_by_proposal ON issuance_limit_change (proposal_id) WHERE proposal_id IS NOT NULL;
