-- Who may sign in, the API tokens they hold, and every refused request. Written to the SQL subset shared by
-- PostgreSQL 15 and 17. What a person may do on the registry is not here: it follows from the registry's own
-- representative and registry_administrator rows; this only says who someone is.

CREATE TABLE platform_user (
    login         text PRIMARY KEY CHECK (login ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    -- Spring Security's DelegatingPasswordEncoder format: '{bcrypt}$2a$...' or '{argon2}...'
    password_hash text NOT NULL,
    display_name  text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('PERSON', 'AUDITOR')),
    enabled       boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Bearer tokens for API clients. Only the SHA-256 of the token is stored; the token itself is shown once.
CREATE TABLE api_token (
    id          bigserial PRIMARY KEY,
    login       text NOT NULL REFERENCES platform_user,
    name        text NOT NULL,
    token_hash  text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX api_token_by_login ON api_token (login, id);

-- Every refusal: 401 and 403 answers, and the registry's NOT_AUTHORISED and SELF_APPROVAL rejections.
CREATE TABLE refusal (
    id       bigserial PRIMARY KEY,
    at       timestamptz NOT NULL,
    actor    text NOT NULL,
    action   text NOT NULL,
    target   text,
    code     text NOT NULL,
    detail   text
);
CREATE INDEX refusal_by_time ON refusal (at, id);
CREATE INDEX refusal_by_actor ON refusal (actor, id);
