-- Who added an entry to an account's trusted list (NULL for entries of the demo data and of migrated lists).
ALTER TABLE trusted_account ADD COLUMN added_by text;
