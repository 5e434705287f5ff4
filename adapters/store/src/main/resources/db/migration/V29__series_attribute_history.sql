-- A series' offset attributes are corrected only while nothing has been issued in it (its first issuance declined or
-- lapsed, the next one naming other attributes; Registry.withSeries). The attributes it carried before are kept here,
-- whoever changes them, so the registry's record of what a series claimed is never edited away.
CREATE TABLE unit_series_attributes_superseded (
    id              bigserial PRIMARY KEY,
    series_id       bigint NOT NULL REFERENCES unit_series,
    superseded_at   timestamptz NOT NULL DEFAULT now(),
    project_type    text,
    origin_region   text,
    reduction_from  date,
    reduction_to    date,
    inside_boundary boolean
);
CREATE INDEX unit_series_attributes_superseded_series ON unit_series_attributes_superseded (series_id, id);

CREATE FUNCTION unit_series_keep_attributes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO unit_series_attributes_superseded (series_id, project_type, origin_region, reduction_from, reduction_to, inside_boundary)
    VALUES (OLD.id, OLD.project_type, OLD.origin_region, OLD.reduction_from, OLD.reduction_to, OLD.inside_boundary);
    RETURN NEW;
END $$;

-- fires only when an attribute column is named in the UPDATE and actually changes (not on issuance's next_serial updates)
CREATE TRIGGER unit_series_keep_attributes
    BEFORE UPDATE OF project_type, origin_region, reduction_from, reduction_to, inside_boundary ON unit_series
    FOR EACH ROW
    WHEN ((OLD.project_type, OLD.origin_region, OLD.reduction_from, OLD.reduction_to, OLD.inside_boundary)
          IS DISTINCT FROM (NEW.project_type, NEW.origin_region, NEW.reduction_from, NEW.reduction_to, NEW.inside_boundary))
    EXECUTE FUNCTION unit_series_keep_attributes();
