-- Opening an account carries the client's command id (a page form's hidden id, or the API's commandId): the same id
-- sent again (a double submit, a retry after a lost answer) returns the account it opened instead of opening another.
ALTER TABLE account ADD COLUMN command_id text;
ALTER TABLE account ADD CONSTRAINT account_command_id_key UNIQUE (command_id);
