-- The registry's system of record. Written to the SQL subset shared by PostgreSQL 15 and 17.

CREATE TABLE jurisdiction (
    code     text PRIMARY KEY,
    name_zh  text NOT NULL,
    name_en  text NOT NULL,
    zone     text NOT NULL DEFAULT 'Asia/Shanghai',
    opens    time NOT NULL DEFAULT '09:00',
    closes   time NOT NULL DEFAULT '17:00'
);

-- Public holidays and make-up workdays (调休) as data, per jurisdiction.
CREATE TABLE calendar_day (
    jurisdiction text NOT NULL REFERENCES jurisdiction,
    day          date NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('HOLIDAY', 'MAKE_UP_WORKDAY')),
    note         text,
    PRIMARY KEY (jurisdiction, day)
);

CREATE TABLE unit_type (
    code    text PRIMARY KEY,
    kind    text NOT NULL CHECK (kind IN ('ALLOWANCE', 'OFFSET')),
    issuer  text NOT NULL REFERENCES jurisdiction,
    name_zh text NOT NULL,
    name_en text NOT NULL
);

-- The cap: how much of a unit type and vintage may ever be issued.
CREATE TABLE issuance_limit (
    unit_type text   NOT NULL REFERENCES unit_type,
    vintage   int    NOT NULL,
    quantity  bigint NOT NULL CHECK (quantity >= 0),
    source    text,
    PRIMARY KEY (unit_type, vintage)
);

-- Which account types of a jurisdiction may hold which unit types.
CREATE TABLE holding_rule (
    jurisdiction text NOT NULL REFERENCES jurisdiction,
    account_type text NOT NULL,
    unit_type    text NOT NULL REFERENCES unit_type,
    PRIMARY KEY (jurisdiction, account_type, unit_type)
);

CREATE TABLE control_setting (
    jurisdiction             text    NOT NULL REFERENCES jurisdiction,
    account_type             text    NOT NULL,
    four_eyes                boolean NOT NULL,
    approval_expiry_hours    int     NOT NULL CHECK (approval_expiry_hours > 0),
    trusted_delay_hours      int     NOT NULL CHECK (trusted_delay_hours >= 0),
    untrusted_policy         text    NOT NULL CHECK (untrusted_policy IN ('REFUSE', 'DELAY')),
    untrusted_delay_hours    int     NOT NULL CHECK (untrusted_delay_hours >= 0),
    trusted_activation_hours int     NOT NULL CHECK (trusted_activation_hours >= 0),
    PRIMARY KEY (jurisdiction, account_type)
);

CREATE SEQUENCE account_id START 1000;

CREATE TABLE account (
    id           bigint PRIMARY KEY,
    number       text   NOT NULL UNIQUE,
    jurisdiction text   NOT NULL REFERENCES jurisdiction,
    type         text   NOT NULL,
    holder       text   NOT NULL,
    entity_code  text,
    status       text   NOT NULL CHECK (status IN ('OPEN', 'RESTRICTED', 'SUSPENDED', 'BLOCKED_NON_COMPLIANCE', 'CLOSED')),
    status_reason text,
    opened_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_by_jurisdiction_type ON account (jurisdiction, type, id);

CREATE TABLE representative (
    account_id bigint NOT NULL REFERENCES account,
    actor      text   NOT NULL,
    role       text   NOT NULL CHECK (role IN ('INITIATOR', 'APPROVER', 'READ_ONLY')),
    PRIMARY KEY (account_id, actor, role)
);
CREATE INDEX representative_by_actor ON representative (actor);

CREATE TABLE registry_administrator (
    actor        text NOT NULL,
    jurisdiction text NOT NULL REFERENCES jurisdiction,
    PRIMARY KEY (actor, jurisdiction)
);

CREATE TABLE trusted_account (
    account_id         bigint      NOT NULL REFERENCES account,
    trusted_account_id bigint      NOT NULL REFERENCES account,
    activates_at       timestamptz NOT NULL,
    PRIMARY KEY (account_id, trusted_account_id)
);

CREATE TABLE unit_series (
    id              bigserial PRIMARY KEY,
    unit_type       text   NOT NULL REFERENCES unit_type,
    vintage         int    NOT NULL,
    project_id      text   NOT NULL DEFAULT '',
    next_serial     bigint NOT NULL DEFAULT 1 CHECK (next_serial >= 1),
    project_type    text,
    origin_region   text,
    reduction_from  date,
    reduction_to    date,
    inside_boundary boolean,
    UNIQUE (unit_type, vintage, project_id)
);

-- What an account holds of a series: the sum of its blocks, kept in step in the same transaction.
CREATE TABLE holding (
    account_id bigint NOT NULL REFERENCES account,
    series_id  bigint NOT NULL REFERENCES unit_series,
    quantity   bigint NOT NULL CHECK (quantity >= 0),
    frozen     bigint NOT NULL DEFAULT 0 CHECK (frozen >= 0 AND frozen <= quantity),
    PRIMARY KEY (account_id, series_id)
);

-- Serial-numbered blocks; pledgee 0 = free.
CREATE TABLE unit_block (
    series_id    bigint NOT NULL REFERENCES unit_series,
    first_serial bigint NOT NULL,
    last_serial  bigint NOT NULL,
    account_id   bigint NOT NULL REFERENCES account,
    pledgee      bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (series_id, first_serial),
    CHECK (first_serial >= 1 AND last_serial >= first_serial)
);
CREATE INDEX unit_block_by_holder ON unit_block (account_id, series_id, pledgee, first_serial);
CREATE INDEX unit_block_by_last ON unit_block (series_id, last_serial);

CREATE SEQUENCE registry_transaction_id;

CREATE TABLE registry_transaction (
    id           bigint PRIMARY KEY,
    command_id   text   NOT NULL UNIQUE,
    body_hash    text   NOT NULL,
    batch_id     text,
    type         text   NOT NULL,
    status       text   NOT NULL,
    initiator    text   NOT NULL,
    from_account bigint NOT NULL DEFAULT 0,
    to_account   bigint NOT NULL DEFAULT 0,
    series_id    bigint NOT NULL DEFAULT 0,
    quantity     bigint NOT NULL,
    beneficiary  text,
    purpose      text,
    pledgee      bigint NOT NULL DEFAULT 0,
    reverses     bigint NOT NULL DEFAULT 0,
    proposed_at  timestamptz NOT NULL,
    approved_by  text,
    approved_at  timestamptz,
    expires_at   timestamptz,
    executes_at  timestamptz,
    completed_at timestamptz,
    rejection    text,
    ranges       text NOT NULL DEFAULT ''
);
CREATE INDEX registry_transaction_batch ON registry_transaction (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX registry_transaction_pending ON registry_transaction (status, executes_at, expires_at) WHERE status IN ('DELAYED', 'AWAITING_APPROVAL');
CREATE INDEX registry_transaction_from ON registry_transaction (from_account, id);
CREATE INDEX registry_transaction_to ON registry_transaction (to_account, id);
CREATE INDEX registry_transaction_reverses ON registry_transaction (reverses) WHERE reverses <> 0;
CREATE INDEX registry_transaction_series ON registry_transaction (series_id, id) WHERE status = 'COMPLETED';

-- The tamper-evident journal: one hash chain over completed transactions in commit order.
CREATE TABLE journal (
    seq            bigint PRIMARY KEY,
    transaction_id bigint,
    canonical      text   NOT NULL,
    prev_hash      text   NOT NULL,
    hash           text   NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now()
);
INSERT INTO journal (seq, transaction_id, canonical, prev_hash, hash)
VALUES (0, NULL, 'v1|0|genesis', repeat('0', 64), encode(sha256(convert_to(repeat('0', 64) || chr(10) || 'v1|0|genesis', 'UTF8')), 'hex'));
