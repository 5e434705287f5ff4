-- Whether a registry administrator of the jurisdiction may approve (or decline) a holder's own transaction (a TRANSFER,
-- SURRENDER, RETIRE or CANCEL out of a holder's account of this type) in place of the holder's approver
-- (Controls.administratorsApproveHolders). A regulator expects a holder's own transactions to be approved by another
-- representative of the holder with the approver role, so it is off for every account type of every jurisdiction;
-- a jurisdiction that wants it turns it on for an account type here. Administrative work on holders' accounts
-- (RETURN_OF_EXCESS, FREEZE, UNFREEZE, FORCED_DEDUCTION, REVERSAL) is approved by a second administrator either way.
ALTER TABLE control_setting ADD COLUMN administrators_approve_holders boolean NOT NULL DEFAULT false;
