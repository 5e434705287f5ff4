-- The refusal record's default view, "signed-in people only", is the refusals of people who were signed in. V37 left out
-- every row with a sign-in code (BAD_CREDENTIALS, SIGN_IN_FAILED, LOGIN_THROTTLED, UNAUTHENTICATED), which hid a
-- signed-in person's wrong or throttled current password on the own-password change (action 'CHANGE_PASSWORD person').
-- A sign-in attempt is a row with one of those codes whose action is the sign-in form's ('LOGIN') or a request line
-- ('GET /api/v1/x', recorded by the security filters before anyone is signed in): those, and actor 'anonymous', are
-- left out. The predicate is PgRefusals.SIGNED_IN's, word for word, so that the planner uses the index.
DROP INDEX refusal_of_signed_in;
CREATE INDEX refusal_of_signed_in ON refusal (id)
    WHERE actor <> 'anonymous' AND NOT (code IN ('BAD_CREDENTIALS', 'SIGN_IN_FAILED', 'LOGIN_THROTTLED', 'UNAUTHENTICATED')
        AND (action = 'LOGIN' OR action LIKE '% /%'));
