-- How a jurisdiction identifies the entities holding covered-entity accounts, as data: CN-USCC, the unified social
-- credit code (统一社会信用代码, GB 32100-2015, checked by its check character). NULL: any identifier.
ALTER TABLE jurisdiction ADD COLUMN entity_code_scheme text CHECK (entity_code_scheme IN ('CN-USCC'));
UPDATE jurisdiction SET entity_code_scheme = 'CN-USCC';

-- One open covered-entity holding account per entity and jurisdiction: a second one for the same code is refused
-- (the application says which account the entity has; this index is the database's own guarantee).
CREATE UNIQUE INDEX account_one_per_covered_entity ON account (jurisdiction, entity_code)
    WHERE type = 'COVERED_ENTITY_HOLDING' AND status <> 'CLOSED' AND entity_code IS NOT NULL;
