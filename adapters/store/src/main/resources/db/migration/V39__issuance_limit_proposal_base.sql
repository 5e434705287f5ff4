-- A cap change is approved against the cap it was proposed against: base_quantity is the cap of the unit type and
-- vintage when the proposal was made (NULL: there was none). If the cap changed meanwhile (the operator's
-- 'openets caps set' on the server), the approval is refused (CAP_CHANGED) and the proposal stays pending, to be
-- declined or withdrawn: approving it would silently replace a cap its approver never saw.
-- The proposals pending now take the cap as it is now; decided ones keep NULL (never approved against anything again).
ALTER TABLE issuance_limit_proposal ADD COLUMN base_quantity bigint CHECK (base_quantity >= 0);
UPDATE issuance_limit_proposal p SET base_quantity = l.quantity FROM issuance_limit l
    WHERE p.status = 'PENDING' AND l.unit_type = p.unit_type AND l.vintage = p.vintage;

-- What a proposal was made against never changes either (V35's rule, with the new column).
CREATE OR REPLACE FUNCTION issuance_limit_proposal_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'issuance_limit_proposal keeps every proposal: none is deleted';
    END IF;
    IF OLD.status <> 'PENDING' OR (NEW.unit_type, NEW.vintage, NEW.quantity, NEW.source, NEW.command_id, NEW.proposed_by, NEW.proposed_at, NEW.expires_at, NEW.base_quantity)
            IS DISTINCT FROM (OLD.unit_type, OLD.vintage, OLD.quantity, OLD.source, OLD.command_id, OLD.proposed_by, OLD.proposed_at, OLD.expires_at, OLD.base_quantity) THEN
        RAISE EXCEPTION 'issuance_limit_proposal %: a proposal is decided once, and what it proposes never changes', OLD.id;
    END IF;
    RETURN NEW;
END $$;
