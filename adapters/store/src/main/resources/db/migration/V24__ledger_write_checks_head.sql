-- ledger_write (V22) with two more checks before anything is written (ADR 0006):
-- - the transaction is READ COMMITTED: the lock-then-check design needs a fresh snapshot per statement;
-- - the group's first journal entry continues the chain exactly where the database's journal ends (its seq is the
--   head's + 1 and its prev_hash the head's hash), so a writer whose idea of the head is wrong can never leave a gap or
--   a fork in the chain, whatever the cause. Both raise OE002: nothing is written.
CREATE OR REPLACE FUNCTION ledger_write(
    p_lock bigint, p_ledger bigint, p_reference bigint,
    p_expected bigint[],                                    -- blocks deleted, blocks updated, holdings updated, transactions updated
    ss_id bigint[], ss_old bigint[], ss_new bigint[],       -- unit_series.next_serial: from old to new
    del_s bigint[], del_f bigint[], del_l bigint[], del_a bigint[], del_p bigint[],
    upd_s bigint[], upd_f bigint[], upd_l bigint[], upd_a bigint[], upd_p bigint[], upd_nl bigint[], upd_na bigint[], upd_np bigint[],
    ins_s bigint[], ins_f bigint[], ins_l bigint[], ins_a bigint[], ins_p bigint[],
    hu_a bigint[], hu_s bigint[], hu_q bigint[], hu_f bigint[],
    hi_a bigint[], hi_s bigint[], hi_q bigint[], hi_f bigint[],
    t_id bigint[], t_cmd text[], t_body text[], t_batch text[], t_type text[], t_status text[], t_init text[],
    t_from bigint[], t_to bigint[], t_series bigint[], t_qty bigint[], t_benef text[], t_purpose text[], t_pledgee bigint[],
    t_reverses bigint[], t_proposed timestamptz[], t_appr_by text[], t_appr_at timestamptz[], t_expires timestamptz[],
    t_executes timestamptz[], t_completed timestamptz[], t_rejection text[], t_ranges text[],
    tu_id bigint[], tu_status text[], tu_series bigint[], tu_appr_by text[], tu_appr_at timestamptz[], tu_expires timestamptz[],
    tu_executes timestamptz[], tu_completed timestamptz[], tu_rejection text[], tu_ranges text[],
    j_seq bigint[], j_tx bigint[], j_canonical text[], j_prev text[], j_hash text[]
) RETURNS bigint LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    l bigint; r bigint; n bigint; i int; head_seq bigint; head_hash text;
    c_del bigint; c_upd bigint; c_hu bigint; c_tu bigint; gen bigint;
BEGIN
    IF p_lock IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(p_lock);
        -- a new snapshot per statement (VOLATILE): sees every commit made before the lock
        SELECT value INTO l FROM ledger_generation WHERE name = 'ledger';
        SELECT value INTO r FROM ledger_generation WHERE name = 'reference';
        IF l IS DISTINCT FROM p_ledger OR r IS DISTINCT FROM p_reference THEN
            RAISE EXCEPTION 'the ledger changed since this writer''s last commit (ledger % / %, reference % / %)', l, p_ledger, r, p_reference
                USING ERRCODE = 'OE001';
        END IF;
    END IF;
    -- the writer's statements assume READ COMMITTED (a fresh snapshot per statement, so the checks above see every commit
    -- made before the lock); under another level they would check an older state
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'the ledger writes under READ COMMITTED only, not %', current_setting('transaction_isolation') USING ERRCODE = 'OE002';
    END IF;
    -- the group's journal entries continue the chain exactly where the database's ends: never a gap, never a fork
    IF cardinality(j_seq) > 0 THEN
        SELECT seq, hash INTO head_seq, head_hash FROM journal ORDER BY seq DESC LIMIT 1;
        IF j_seq[1] IS DISTINCT FROM head_seq + 1 OR j_prev[1] IS DISTINCT FROM head_hash THEN
            RAISE EXCEPTION 'the journal ends at entry % (hash %), but this group continues entry % (hash %)', head_seq, head_hash, j_seq[1] - 1, j_prev[1]
                USING ERRCODE = 'OE002';
        END IF;
    END IF;
    FOR i IN 1 .. coalesce(array_length(ss_id, 1), 0) LOOP
        UPDATE unit_series SET next_serial = ss_new[i] WHERE id = ss_id[i] AND next_serial = ss_old[i];
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> 1 THEN
            RAISE EXCEPTION 'issuance out of order in series %', ss_id[i] USING ERRCODE = 'OE002';
        END IF;
    END LOOP;
    WITH
    del AS (DELETE FROM unit_block b USING unnest(del_s, del_f, del_l, del_a, del_p) d(s, f, l, a, p)
            WHERE b.series_id = d.s AND b.first_serial = d.f AND b.last_serial = d.l AND b.account_id = d.a AND b.pledgee = d.p RETURNING 1),
    upd AS (UPDATE unit_block b SET last_serial = d.nl, account_id = d.na, pledgee = d.np
            FROM unnest(upd_s, upd_f, upd_l, upd_a, upd_p, upd_nl, upd_na, upd_np) d(s, f, l, a, p, nl, na, np)
            WHERE b.series_id = d.s AND b.first_serial = d.f AND b.last_serial = d.l AND b.account_id = d.a AND b.pledgee = d.p RETURNING 1),
    ins AS (INSERT INTO unit_block (series_id, first_serial, last_serial, account_id, pledgee)
            SELECT * FROM unnest(ins_s, ins_f, ins_l, ins_a, ins_p)),
    hu AS (UPDATE holding h SET quantity = h.quantity + d.q, frozen = h.frozen + d.f FROM unnest(hu_a, hu_s, hu_q, hu_f) d(a, s, q, f)
           WHERE h.account_id = d.a AND h.series_id = d.s RETURNING 1),
    hi AS (INSERT INTO holding (account_id, series_id, quantity, frozen) SELECT * FROM unnest(hi_a, hi_s, hi_q, hi_f)),
    txi AS (INSERT INTO registry_transaction (id, command_id, body_hash, batch_id, type, status, initiator, from_account, to_account,
                series_id, quantity, beneficiary, purpose, pledgee, reverses, proposed_at, approved_by, approved_at, expires_at,
                executes_at, completed_at, rejection, ranges)
            SELECT * FROM unnest(t_id, t_cmd, t_body, t_batch, t_type, t_status, t_init, t_from, t_to, t_series, t_qty, t_benef,
                t_purpose, t_pledgee, t_reverses, t_proposed, t_appr_by, t_appr_at, t_expires, t_executes, t_completed, t_rejection, t_ranges)),
    txu AS (UPDATE registry_transaction t SET status = d.st, series_id = d.s, approved_by = d.ab, approved_at = d.aa, expires_at = d.ea,
                executes_at = d.xa, completed_at = d.ca, rejection = d.rj, ranges = d.rg
            FROM unnest(tu_id, tu_status, tu_series, tu_appr_by, tu_appr_at, tu_expires, tu_executes, tu_completed, tu_rejection, tu_ranges)
                d(id, st, s, ab, aa, ea, xa, ca, rj, rg)
            WHERE t.id = d.id RETURNING 1),
    jr AS (INSERT INTO journal (seq, transaction_id, canonical, prev_hash, hash) SELECT * FROM unnest(j_seq, j_tx, j_canonical, j_prev, j_hash)),
    g AS (UPDATE ledger_generation SET value = value + 1 WHERE name = 'ledger' RETURNING value)
    SELECT (SELECT count(*) FROM del), (SELECT count(*) FROM upd), (SELECT count(*) FROM hu), (SELECT count(*) FROM txu), (SELECT value FROM g)
      INTO c_del, c_upd, c_hu, c_tu, gen;
    IF c_del <> p_expected[1] OR c_upd <> p_expected[2] OR c_hu <> p_expected[3] OR c_tu <> p_expected[4] THEN
        RAISE EXCEPTION 'the database does not hold what the ledger''s cache believes: removed % of % blocks, updated % of % blocks, % of % holdings and % of % transactions',
            c_del, p_expected[1], c_upd, p_expected[2], c_hu, p_expected[3], c_tu, p_expected[4] USING ERRCODE = 'OE002';
    END IF;
    RETURN gen;
END $$;
