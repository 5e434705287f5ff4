-- Allocation (issue 4): runs of a ruleset over a population, kept with their inputs so any run can be recomputed
-- exactly (the ruleset text and the population file as given), with the totals a list shows; next-year deductions
-- entered by the regulator (the port compliance will feed); and the registry batch each issued run became.

CREATE TABLE allocation_run (
    id               bigserial PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('ALLOCATION', 'WHAT_IF')),
    jurisdiction     text        NOT NULL,
    ruleset_id       text        NOT NULL,
    ruleset_name     text        NOT NULL,
    ruleset_text     text        NOT NULL,
    ruleset_sha256   text        NOT NULL,
    year             integer     NOT NULL,
    stage            text        NOT NULL CHECK (stage IN ('PRE_ALLOCATION', 'FINAL')),
    basis            text        CHECK (basis IN ('TOTAL', 'FREE')),
    prices_fen       bigint[]    NOT NULL DEFAULT '{}',
    population_name  text        NOT NULL,
    population_text  text        NOT NULL,
    population_sha256 text       NOT NULL,
    pre_run_id       bigint      REFERENCES allocation_run (id),
    title            text        NOT NULL,
    units            integer     NOT NULL,
    total_tonnes     bigint      NOT NULL,
    free_tonnes      bigint      NOT NULL,
    paid_tonnes      bigint      NOT NULL,
    emissions_tonnes bigint,
    unconfirmed      text[]      NOT NULL DEFAULT '{}',
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL
);
CREATE INDEX allocation_run_jurisdiction ON allocation_run (jurisdiction, year);

-- which entities a run covers, so a representative finds the runs that concern their entity
CREATE TABLE allocation_run_entity (
    run_id     bigint NOT NULL REFERENCES allocation_run (id),
    entity_id  text   NOT NULL,
    account_id bigint,
    total_tonnes bigint NOT NULL,
    free_tonnes  bigint NOT NULL,
    PRIMARY KEY (run_id, entity_id)
);
CREATE INDEX allocation_run_entity_account ON allocation_run_entity (account_id);

CREATE TABLE allocation_comparison (
    id         bigserial PRIMARY KEY,
    run_a      bigint      NOT NULL REFERENCES allocation_run (id),
    run_b      bigint      NOT NULL REFERENCES allocation_run (id),
    title      text        NOT NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE allocation_deduction (
    id            bigserial PRIMARY KEY,
    entity_id     text        NOT NULL,
    jurisdiction  text        NOT NULL,
    year          integer     NOT NULL,
    quantity      bigint      NOT NULL CHECK (quantity > 0),
    reason        text        NOT NULL,
    source_ref    text        NOT NULL,
    entered_by    text        NOT NULL,
    entered_at    timestamptz NOT NULL,
    applied_run   bigint      REFERENCES allocation_run (id),
    deducted      bigint,
    carried_to    bigint      REFERENCES allocation_deduction (id)
);
CREATE INDEX allocation_deduction_pending ON allocation_deduction (jurisdiction, year) WHERE applied_run IS NULL;

-- a run issued into the registry: one batch, proposed once (the batch's own 4-eyes approval completes it)
CREATE TABLE allocation_issuance (
    run_id         bigint PRIMARY KEY REFERENCES allocation_run (id),
    batch_id       text        NOT NULL,
    lines          integer     NOT NULL,
    acknowledged_unconfirmed text[] NOT NULL DEFAULT '{}',
    proposed_by    text        NOT NULL,
    proposed_at    timestamptz NOT NULL
);
