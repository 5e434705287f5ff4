package org.openets.registry;

import org.openets.kernel.Jurisdiction;

/**
 * An account in the registry. {@code number} is the public account number (e.g. {@code CN-120-000042});
 * {@code holder} names the covered entity, person or government body; {@code holderKind} says whether a holder's
 * account is held by an organisation or a natural person (null for a government account, and for a holder's account
 * opened before the registry asked); {@code entityCode} is the holder's identifier — an organisation's unified social
 * credit code, a person's citizen identification number — when there is one.
 */
public record Account(long id, String number, Jurisdiction jurisdiction, AccountType type, String holder, HolderKind holderKind,
                      String entityCode, AccountStatus status) {
    public Account withStatus(AccountStatus s) { return new Account(id, number, jurisdiction, type, holder, holderKind, entityCode, s); }
}
