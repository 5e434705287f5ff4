-- Emissions MRV (issue 3), the register kept by the regulator: who recorded each covered entity, facility,
-- installation, installation version, verifier and consulting link, and when; and the database's own guard that an
-- installation's history is only ever appended to. Rows recorded before V16 (the demo's set-up, written by code)
-- keep recorded_by null. Written to the SQL subset shared by PostgreSQL 15 and 17.

ALTER TABLE emission_entity ADD COLUMN recorded_by text;          -- created_at (V13) is when
ALTER TABLE emission_facility ADD COLUMN recorded_by text;
ALTER TABLE emission_facility ADD COLUMN recorded_at timestamptz;
ALTER TABLE emission_installation ADD COLUMN recorded_by text;
ALTER TABLE emission_installation ADD COLUMN recorded_at timestamptz;
ALTER TABLE emission_installation_version ADD COLUMN recorded_by text;
ALTER TABLE emission_installation_version ADD COLUMN recorded_at timestamptz;
ALTER TABLE verifier ADD COLUMN recorded_by text;
ALTER TABLE verifier ADD COLUMN recorded_at timestamptz;
ALTER TABLE consulting_link ADD COLUMN recorded_by text;
ALTER TABLE consulting_link ADD COLUMN recorded_at timestamptz;

-- An installation's versions are its history: a change is a new version that starts after the last one, never an
-- edit, a deletion or a version slipped in before the last. The store checks the order under a lock on the
-- installation first and answers VERSION_NOT_AFTER_LAST; this trigger is the last line behind it.
CREATE FUNCTION emission_installation_version_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF EXISTS (SELECT 1 FROM emission_installation_version
                   WHERE entity_id = NEW.entity_id AND installation_id = NEW.installation_id AND valid_from >= NEW.valid_from) THEN
            RAISE EXCEPTION 'installation % of % already has a version from % or later: a version starts after the last one',
                NEW.installation_id, NEW.entity_id, NEW.valid_from;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'emission_installation_version is append-only: a change is a new version';
END
$$;
CREATE TRIGGER emission_installation_version_append_only BEFORE INSERT OR UPDATE OR DELETE ON emission_installation_version
    FOR EACH ROW EXECUTE FUNCTION emission_installation_version_append_only();
