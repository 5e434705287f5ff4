-- What the auditors read, a page at a time, newest first (keyset on id).
--
-- The refusal record is filtered by actor (whatever the letters' case: a login is one login in any case), by code, by
-- action (the whole action, or its verb: the first word) and by time. Every refusal stays recorded, anonymous ones too
-- (they are evidence), so a flood of anonymous requests must not hide the refusals of signed-in people: the partial
-- index keeps those apart (not anonymous, not a failed or throttled sign-in), the page's default view.
DROP INDEX refusal_by_actor;
CREATE INDEX refusal_by_actor_any_case ON refusal (lower(actor), id);
CREATE INDEX refusal_by_code ON refusal (code, id);
CREATE INDEX refusal_by_action ON refusal (action, id);
CREATE INDEX refusal_by_verb ON refusal (split_part(action, ' ', 1), id);
CREATE INDEX refusal_of_signed_in ON refusal (id)
    WHERE actor <> 'anonymous' AND code NOT IN ('BAD_CREDENTIALS', 'SIGN_IN_FAILED', 'LOGIN_THROTTLED', 'UNAUTHENTICATED');

-- Each run of journal verification started in the pages or the API (the CLI's 'openets journal verify' reads the
-- same journal the same way): who ran it, when, how long it took, how many entries it read, the head hash, and what
-- it found. The problems of a run are kept (at most 100 of them; problems counts them all): the first is where the
-- chain breaks, when it does. Rows are only ever added.
CREATE TABLE journal_verification (
    id          bigserial   PRIMARY KEY,
    run_by      text        NOT NULL,
    started_at  timestamptz NOT NULL,
    millis      bigint      NOT NULL CHECK (millis >= 0),
    entries     bigint      NOT NULL CHECK (entries >= 0),
    head_hash   text,
    problems    integer     NOT NULL CHECK (problems >= 0)
);

CREATE TABLE journal_verification_problem (
    verification_id bigint  NOT NULL REFERENCES journal_verification,
    position        integer NOT NULL,
    seq             bigint,
    code            text    NOT NULL,
    detail          text    NOT NULL,
    PRIMARY KEY (verification_id, position)
);

CREATE FUNCTION journal_verification_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'journal verifications are a record: rows are only ever added';
END $$;

CREATE TRIGGER journal_verification_append_only BEFORE UPDATE OR DELETE ON journal_verification
    FOR EACH ROW EXECUTE FUNCTION journal_verification_append_only();
CREATE TRIGGER journal_verification_problem_append_only BEFORE UPDATE OR DELETE ON journal_verification_problem
    FOR EACH ROW EXECUTE FUNCTION journal_verification_append_only();
