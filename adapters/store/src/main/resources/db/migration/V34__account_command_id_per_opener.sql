-- An account-opening command id is the opener's own (V32 made it one space across everyone): another jurisdiction's
-- administrator choosing the same id neither learns which account it opened nor is blocked by it. A repeat by the same
-- person still answers with the account it opened.
ALTER TABLE account DROP CONSTRAINT account_command_id_key;
CREATE UNIQUE INDEX account_command_id_by_opener ON account (coalesce(opened_by, ''), command_id) WHERE command_id IS NOT NULL;
