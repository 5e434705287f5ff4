-- One command id names one thing: a single transaction and a batch never share an id. A batch's lines carry the ids
-- <batch>:1, <batch>:2, … (command_id is unique), and no row carries the batch's own id, so command_id's uniqueness
-- alone let a single transaction X1 and a batch X1 both exist (the second answered as if new). Here a single
-- transaction stands for its id, and a batch's first line for the batch's: the writer takes an id it has not seen to be
-- new (it does not ask the database), and this index is what refuses the second use; the writer then runs the group
-- again asking about every id (PgLedgerSession.CommandIdTaken), and the registry answers DUPLICATE_ID_DIFFERENT_BODY.
-- On a database where both already exist, this migration fails and names the id.
CREATE UNIQUE INDEX registry_transaction_command_id_or_batch ON registry_transaction ((coalesce(batch_id, command_id)))
    WHERE batch_id IS NULL OR command_id = batch_id || ':1';
