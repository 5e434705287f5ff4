-- A trading account's holder identifier is stored the way the application now stores it (AccountAdministrationDesk
-- .openAccount): full-width forms read as ASCII (FullWidth: U+FF01–U+FF5E as U+0021–U+007E, U+3000 as a space),
-- whitespace at either end stripped, upper case, and no spaces, tabs or line breaks anywhere; blank is no identifier.
-- Accounts opened before that (before and soon after V36) may hold the identifier as it was typed ("91110000 6000 3x"),
-- which the one-account rule (account_one_trading_per_holder, V36) and the opener's lookup would take for another
-- holder's. Here they are written the one way.
-- If that would make two open trading accounts of one holder in one jurisdiction (the rule's accounts: holder_kind
-- named) this migration fails and names them: which one stays open is the registry administrator's decision, not the
-- migration's (close the other, then start the server again).
-- upper() follows the database's collation where Java's toUpperCase(Locale.ROOT) follows Unicode: the two differ only
-- for letters outside ASCII (ß), which the jurisdictions' identifier schemes do not use.
DO $$
DECLARE
    wide   text := (SELECT string_agg(chr(c), '' ORDER BY c) FROM generate_series(65281, 65374) AS c) || chr(12288);
    narrow text := (SELECT string_agg(chr(c - 65248), '' ORDER BY c) FROM generate_series(65281, 65374) AS c) || ' ';
    -- Java's Character.isWhitespace (String.strip) at the ends; \s of a Java pattern (space, \t \n \v \f \r) anywhere
    ends   text := '^[ \t\n\v\f\r\u001c-\u001f\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+'
               || '|[ \t\n\v\f\r\u001c-\u001f\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+$';
    clashes text;
BEGIN
    CREATE TEMPORARY TABLE v41_holder_identifier ON COMMIT DROP AS
        SELECT id, number, jurisdiction, status, holder_kind, entity_code,
               nullif(upper(regexp_replace(regexp_replace(translate(entity_code, wide, narrow), ends, '', 'g'), '[ \t\n\v\f\r]+', '', 'g')), '')
                   AS normalised
        FROM account WHERE type = 'TRADING_HOLDING' AND entity_code IS NOT NULL;

    -- the accounts by number only: a natural person's identifier is not written into the server's log and Flyway's history
    SELECT string_agg(format('%s: %s', jurisdiction, accounts), '; ' ORDER BY jurisdiction, accounts) INTO clashes
    FROM (SELECT jurisdiction, normalised,
                 string_agg(number, ', ' ORDER BY id) AS accounts
          FROM v41_holder_identifier
          WHERE status <> 'CLOSED' AND holder_kind IS NOT NULL AND normalised IS NOT NULL
          GROUP BY jurisdiction, normalised
          HAVING count(*) > 1) AS clash;
    IF clashes IS NOT NULL THEN
        RAISE EXCEPTION 'V41: trading holder identifiers written the one way would give one holder two open trading accounts in a jurisdiction (the same holder''s accounts): %', clashes
            USING HINT = 'close all but one of each holder''s open trading accounts named here, then migrate again';
    END IF;

    UPDATE account a SET entity_code = n.normalised
    FROM v41_holder_identifier n
    WHERE a.id = n.id AND a.entity_code IS DISTINCT FROM n.normalised;
END
$$;
