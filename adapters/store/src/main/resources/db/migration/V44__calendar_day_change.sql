-- Every change of a jurisdiction's calendar of public holidays and make-up workdays (calendar_day, V1/V2), as the
-- pages, the API and 'openets calendar import' make it: which day, what it was before (NULL: no entry) and after
-- (NULL: removed), who (NULL: the platform itself), when, by which route, and the note the change was made with. The
-- days before this history was kept are not in it. calendar_day keeps the current days (the ledger reads it; V12's
-- trigger moves the reference generation on every change, so the ledger writer reads them again for its next group);
-- rows here are only ever added, in the transaction that changes the day.
CREATE TABLE calendar_day_change (
    id           bigserial   PRIMARY KEY,
    jurisdiction text        NOT NULL REFERENCES jurisdiction,
    day          date        NOT NULL,
    before_kind  text        CHECK (before_kind IN ('HOLIDAY', 'MAKE_UP_WORKDAY')),
    before_note  text,
    after_kind   text        CHECK (after_kind IN ('HOLIDAY', 'MAKE_UP_WORKDAY')),
    after_note   text,
    note         text        NOT NULL CHECK (note <> ''),
    route        text        NOT NULL CHECK (route IN ('PAGE', 'API', 'CLI')),
    changed_by   text,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (before_kind IS NOT NULL OR after_kind IS NOT NULL)
);
CREATE INDEX calendar_day_change_by_jurisdiction ON calendar_day_change (jurisdiction, id);

CREATE FUNCTION calendar_day_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'calendar_day_change keeps every change of a calendar: rows are only ever added';
END $$;

CREATE TRIGGER calendar_day_change_append_only BEFORE UPDATE OR DELETE ON calendar_day_change
    FOR EACH ROW EXECUTE FUNCTION calendar_day_change_append_only();
