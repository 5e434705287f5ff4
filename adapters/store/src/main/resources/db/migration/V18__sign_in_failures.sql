-- Sign-in throttling counts a login's recent failed sign-ins (refusals with code BAD_CREDENTIALS, recorded with the
-- login as actor) in the refusal record itself, so the count holds across platform processes and restarts.
CREATE INDEX refusal_sign_in_failures ON refusal (actor, at) WHERE code = 'BAD_CREDENTIALS';
