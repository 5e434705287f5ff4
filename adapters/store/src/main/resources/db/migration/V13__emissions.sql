-- Emissions MRV (issue 3): covered entities with their facilities and installations (versioned), annual reports
-- (drafts replaced, sealed ones never edited), evidence by content hash, verifiers, assignments, statements and the
-- append-only versions of final figures. Written to the SQL subset shared by PostgreSQL 15 and 17.

-- A covered entity (重点排放单位), linked to the registry account its representatives act on.
CREATE TABLE emission_entity (
    id           text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
    name         text NOT NULL,
    jurisdiction text NOT NULL REFERENCES jurisdiction,
    account_id   bigint UNIQUE REFERENCES account,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE emission_facility (
    entity_id text NOT NULL REFERENCES emission_entity,
    id        text NOT NULL,
    name      text NOT NULL,
    PRIMARY KEY (entity_id, id)
);

CREATE TABLE emission_installation (
    entity_id   text NOT NULL,
    id          text NOT NULL,
    facility_id text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('GENERATING_UNIT', 'CLINKER_LINE', 'ALUMINIUM_SMELTER')),
    PRIMARY KEY (entity_id, id),
    FOREIGN KEY (entity_id, facility_id) REFERENCES emission_facility
);

-- One version of an installation: valid from valid_from until the next version's valid_from. Never edited.
CREATE TABLE emission_installation_version (
    entity_id       text    NOT NULL,
    installation_id text    NOT NULL,
    valid_from      date    NOT NULL,
    reason          text    NOT NULL,
    category        text,            -- generating units
    capacity        numeric NOT NULL CHECK (capacity > 0),   -- MW, t clinker/day or t aluminium/year by kind
    pressure        text,
    cooling         text,
    heat_supply     boolean,
    commissioned    date    NOT NULL,
    closed          date,
    province        text    NOT NULL,
    city            text    NOT NULL,
    PRIMARY KEY (entity_id, installation_id, valid_from),
    FOREIGN KEY (entity_id, installation_id) REFERENCES emission_installation
);

-- An annual report. A DRAFT is replaced by the next save of its entity-year; SUBMITTED ones are sealed and never
-- edited (a resubmission is a new row, the earlier one becomes SUPERSEDED). The computed figures are kept with it.
CREATE TABLE emission_report (
    id                  bigserial PRIMARY KEY,
    entity_id           text        NOT NULL REFERENCES emission_entity,
    jurisdiction        text        NOT NULL,
    year                int         NOT NULL CHECK (year BETWEEN 2005 AND 2100),
    status              text        NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'SUPERSEDED')),
    saved_by            text        NOT NULL,
    saved_at            timestamptz NOT NULL,
    submitted_by        text,
    submitted_at        timestamptz,
    seal_encoding       text,
    seal_sha256         text CHECK (seal_sha256 ~ '^[0-9a-f]{64}$'),
    ruleset             text        NOT NULL,
    fuel_tonnes         numeric     NOT NULL,
    electricity_tonnes  numeric     NOT NULL,
    process_tonnes      numeric     NOT NULL,
    exact_tonnes        numeric     NOT NULL,
    total_tonnes        bigint      NOT NULL CHECK (total_tonnes >= 0),
    unconfirmed         boolean     NOT NULL,
    substitutions       text        NOT NULL,   -- one substitution a line
    trace               text        NOT NULL,   -- the trace, one step a line
    CHECK ((status = 'DRAFT') = (seal_sha256 IS NULL)),
    CHECK (status = 'DRAFT' OR (submitted_by IS NOT NULL AND submitted_at IS NOT NULL AND seal_encoding IS NOT NULL))
);
CREATE UNIQUE INDEX emission_report_one_draft ON emission_report (entity_id, year) WHERE status = 'DRAFT';
CREATE UNIQUE INDEX emission_report_one_current ON emission_report (entity_id, year) WHERE status = 'SUBMITTED';
CREATE INDEX emission_report_by_entity ON emission_report (entity_id, year, id);

-- The checked rows of a report, as the seal covers them.
CREATE TABLE emission_report_fuel (
    report_id         bigint  NOT NULL REFERENCES emission_report ON DELETE CASCADE,
    unit              text    NOT NULL,
    month             int     NOT NULL CHECK (month BETWEEN 1 AND 12),
    fuel              text    NOT NULL,
    quantity          numeric NOT NULL,
    ncv               numeric,
    carbon_content    numeric,
    carbon_ar_percent numeric,
    oxidation_rate    numeric,
    PRIMARY KEY (report_id, unit, month, fuel)
);

CREATE TABLE emission_report_activity (
    report_id                 bigint  NOT NULL REFERENCES emission_report ON DELETE CASCADE,
    unit                      text    NOT NULL,
    month                     int     NOT NULL CHECK (month BETWEEN 1 AND 12),
    generation_mwh            numeric NOT NULL,
    supply_mwh                numeric NOT NULL,
    heat_supplied_gj          numeric NOT NULL,
    purchased_electricity_mwh numeric NOT NULL,
    PRIMARY KEY (report_id, unit, month)
);

CREATE TABLE emission_report_output (
    report_id    bigint  NOT NULL REFERENCES emission_report ON DELETE CASCADE,
    installation text    NOT NULL,
    month        int     NOT NULL CHECK (month BETWEEN 1 AND 12),
    product      text    NOT NULL,
    tonnes       numeric NOT NULL,
    PRIMARY KEY (report_id, installation, month, product)
);

-- Evidence bytes, content-addressed: the key is the SHA-256 of the content, so one file is stored once.
CREATE TABLE evidence_blob (
    sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size       bigint NOT NULL CHECK (size >= 0),
    content    bytea  NOT NULL,
    stored_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE emission_report_attachment (
    report_id  bigint NOT NULL REFERENCES emission_report ON DELETE CASCADE,
    sha256     text   NOT NULL REFERENCES evidence_blob,
    file_name  text   NOT NULL,
    media_type text   NOT NULL,
    size       bigint NOT NULL,
    PRIMARY KEY (report_id, sha256, file_name)
);

-- Sealed reports are not edited through the platform: the store refuses it here too. Someone with the rights to
-- drop or bypass this trigger can still change rows; the seal check (PgEmissionsStore.checkSeals) finds that.
CREATE FUNCTION emission_sealed_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.status = 'SUBMITTED' AND NEW.status = 'SUPERSEDED' AND NEW.seal_sha256 = OLD.seal_sha256
           AND NEW.total_tonnes = OLD.total_tonnes AND NEW.trace = OLD.trace THEN
            RETURN NEW;
        END IF;
    END IF;
    IF OLD.status <> 'DRAFT' THEN
        RAISE EXCEPTION 'emission report % is sealed', OLD.id;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER emission_report_sealed BEFORE UPDATE OR DELETE ON emission_report
    FOR EACH ROW EXECUTE FUNCTION emission_sealed_is_final();

-- A verification organisation (核查机构) and its accreditation.
CREATE TABLE verifier (
    id               text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
    name             text NOT NULL,
    accredited_from  date NOT NULL,
    accredited_until date,
    jurisdictions    text NOT NULL,   -- comma-separated jurisdiction codes
    CHECK (accredited_until IS NULL OR accredited_until >= accredited_from)
);

-- The people who sign in for a verifier (platform_user.kind = 'VERIFIER').
CREATE TABLE verifier_member (
    login       text PRIMARY KEY REFERENCES platform_user,
    verifier_id text NOT NULL REFERENCES verifier
);

ALTER TABLE platform_user DROP CONSTRAINT platform_user_kind_check;
ALTER TABLE platform_user ADD CONSTRAINT platform_user_kind_check CHECK (kind IN ('PERSON', 'AUDITOR', 'VERIFIER'));

-- A verifier (or affiliate) advised the entity: it may not verify it until the link cools off.
CREATE TABLE consulting_link (
    id          bigserial PRIMARY KEY,
    verifier_id text NOT NULL REFERENCES verifier,
    entity_id   text NOT NULL REFERENCES emission_entity,
    from_year   int  NOT NULL,
    to_year     int  NOT NULL CHECK (to_year >= from_year),
    nature      text NOT NULL
);

-- The verification of an entity-year: one assignment, then the statement, then the regulator's approval.
CREATE TABLE verification (
    entity_id          text NOT NULL REFERENCES emission_entity,
    year               int  NOT NULL,
    jurisdiction       text NOT NULL,
    verifier_id        text NOT NULL REFERENCES verifier,
    assigned_by        text NOT NULL,
    assigned_at        timestamptz NOT NULL,
    opinion            text CHECK (opinion IN ('QUALIFIED', 'QUALIFIED_WITH_REMARKS', 'NOT_QUALIFIED')),
    stated_emissions   bigint,
    stated_outputs     text,           -- metric=value lines
    remarks            text,
    report_id          bigint REFERENCES emission_report,
    report_seal        text,
    issued_by          text,
    issued_at          timestamptz,
    approved_by        text,
    approved_at        timestamptz,
    PRIMARY KEY (entity_id, year),
    CHECK (opinion IS NULL OR (stated_emissions IS NOT NULL AND report_id IS NOT NULL AND issued_by IS NOT NULL AND issued_at IS NOT NULL)),
    CHECK (approved_by IS NULL OR opinion IS NOT NULL)
);
CREATE INDEX verification_by_verifier ON verification (verifier_id, year);

-- The final figures of an entity-year, one row per version: 1 is the approval, later ones corrections with reasons.
CREATE TABLE verified_figures_version (
    entity_id  text   NOT NULL,
    year       int    NOT NULL,
    version    int    NOT NULL CHECK (version >= 1),
    emissions  bigint NOT NULL CHECK (emissions >= 0),
    outputs    text   NOT NULL,
    reason     text   NOT NULL,
    recorded_by text  NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (entity_id, year, version),
    FOREIGN KEY (entity_id, year) REFERENCES verification
);

CREATE FUNCTION verified_figures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'verified_figures_version is append-only: a correction is a new version';
END
$$;
CREATE TRIGGER verified_figures_append_only BEFORE UPDATE OR DELETE ON verified_figures_version
    FOR EACH ROW EXECUTE FUNCTION verified_figures_append_only();
