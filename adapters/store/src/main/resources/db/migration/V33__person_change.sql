-- Who added a sign-in, disabled it or set a new password for it, and when. Registry administrators keep the people
-- who act for account holders in the pages and the API (changed_by: the administrator's login); the platform operator
-- keeps every sign-in with 'openets users' (changed_by NULL: the operator at the command line). Sign-ins added before
-- this history was kept (and the demo data's) have no row. Rows are only ever added, in the statement that makes the
-- change. No password, nor its hash, is kept here.
CREATE TABLE person_change (
    id         bigserial   PRIMARY KEY,
    login      text        NOT NULL REFERENCES platform_user,
    change     text        NOT NULL CHECK (change IN ('ADDED', 'DISABLED', 'PASSWORD_SET')),
    changed_by text,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_change_by_login ON person_change (login, id);

CREATE FUNCTION person_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'person_change keeps who changed a sign-in: rows are only ever added';
END $$;

CREATE TRIGGER person_change_append_only BEFORE UPDATE OR DELETE ON person_change
    FOR EACH ROW EXECUTE FUNCTION person_change_append_only();
