-- A password someone else set (a registry administrator adding a person or setting a new password) is known to them:
-- the person must choose their own at the next sign-in before doing anything else. A person changing their own
-- password is kept in the sign-ins' history (PASSWORD_CHANGED, by the person).
ALTER TABLE platform_user ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;

ALTER TABLE person_change DROP CONSTRAINT person_change_change_check;
ALTER TABLE person_change ADD CONSTRAINT person_change_change_check
    CHECK (change IN ('ADDED', 'DISABLED', 'PASSWORD_SET', 'PASSWORD_CHANGED'));
