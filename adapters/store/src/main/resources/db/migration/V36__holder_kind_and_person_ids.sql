-- Who holds a holder's account: an organisation (identified by the jurisdiction's entity code scheme) or a natural
-- person (identified by its person id scheme, data: CN-RIC, the citizen identification number of GB 11643-1999, checked
-- by its check character). NULL on government accounts, and on holders' accounts opened before the registry asked.
ALTER TABLE jurisdiction ADD COLUMN person_id_scheme text CHECK (person_id_scheme IN ('CN-RIC'));
UPDATE jurisdiction SET person_id_scheme = 'CN-RIC' WHERE entity_code_scheme = 'CN-USCC';

ALTER TABLE account ADD COLUMN holder_kind text CHECK (holder_kind IN ('ORGANISATION', 'PERSON'));
UPDATE account SET holder_kind = 'ORGANISATION' WHERE type IN ('COVERED_ENTITY_HOLDING', 'EXCHANGE_CLEARING', 'AUCTION_DELIVERY');

-- One open trading account per holder and jurisdiction (the application says which account the holder has; this index
-- is the database's own guarantee).
CREATE UNIQUE INDEX account_one_trading_per_holder ON account (jurisdiction, entity_code)
    WHERE type = 'TRADING_HOLDING' AND status <> 'CLOSED' AND entity_code IS NOT NULL AND holder_kind IS NOT NULL;
