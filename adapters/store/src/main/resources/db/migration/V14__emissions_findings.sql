-- Emissions MRV (issue 3), findings and corrections: the verifier's findings (不符合项) on an entity-year, the
-- entity's answers (整改) in order, each may point at a corrected, resubmitted report, and the verifier's closing
-- (关闭). Nothing here is edited: answers are appended, and a finding changes once, when it is closed. A
-- resubmission keeps why it replaced the earlier report. Written to the SQL subset shared by PostgreSQL 15 and 17.

-- Why a submission replaced the entity-year's earlier one (a correction is a new sealed report, never an edit);
-- null for a first submission. Set when the draft is sealed; the sealed row is then guarded by emission_report_sealed.
ALTER TABLE emission_report ADD COLUMN correction_reason text;

CREATE TABLE verification_finding (
    entity_id    text        NOT NULL,
    year         int         NOT NULL,
    number       int         NOT NULL CHECK (number >= 1),
    text         text        NOT NULL CHECK (length(text) > 0),
    raised_by    text        NOT NULL,
    raised_at    timestamptz NOT NULL,
    closing_note text,
    closed_by    text,
    closed_at    timestamptz,
    PRIMARY KEY (entity_id, year, number),
    FOREIGN KEY (entity_id, year) REFERENCES verification,
    CHECK ((closed_by IS NULL) = (closed_at IS NULL) AND (closed_by IS NULL) = (closing_note IS NULL))
);

-- The entity's answers to a finding, numbered from 1 within it. report_id and report_seal name the corrected
-- report (a sealed one, which is never deleted) when the answer came with a resubmission.
CREATE TABLE verification_finding_correction (
    entity_id   text        NOT NULL,
    year        int         NOT NULL,
    number      int         NOT NULL,
    seq         int         NOT NULL CHECK (seq >= 1),
    description text        NOT NULL CHECK (length(description) > 0),
    report_id   bigint      REFERENCES emission_report,
    report_seal text        CHECK (report_seal ~ '^[0-9a-f]{64}$'),
    answered_by text        NOT NULL,
    answered_at timestamptz NOT NULL,
    PRIMARY KEY (entity_id, year, number, seq),
    FOREIGN KEY (entity_id, year, number) REFERENCES verification_finding,
    CHECK ((report_id IS NULL) = (report_seal IS NULL))
);

-- A finding is closed once, and otherwise never changed or dropped.
CREATE FUNCTION verification_finding_closed_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.closed_by IS NULL AND NEW.closed_by IS NOT NULL
       AND NEW.entity_id = OLD.entity_id AND NEW.year = OLD.year AND NEW.number = OLD.number AND NEW.text = OLD.text
       AND NEW.raised_by = OLD.raised_by AND NEW.raised_at = OLD.raised_at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'verification_finding % of % % is not edited: it is only closed, once', OLD.number, OLD.entity_id, OLD.year;
END
$$;
CREATE TRIGGER verification_finding_closed_once BEFORE UPDATE OR DELETE ON verification_finding
    FOR EACH ROW EXECUTE FUNCTION verification_finding_closed_once();

CREATE FUNCTION verification_finding_correction_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'verification_finding_correction is append-only: a new answer is a new row';
END
$$;
CREATE TRIGGER verification_finding_correction_append_only BEFORE UPDATE OR DELETE ON verification_finding_correction
    FOR EACH ROW EXECUTE FUNCTION verification_finding_correction_append_only();
