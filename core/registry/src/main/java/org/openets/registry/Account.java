package org.openets.registry;

import org.openets.kernel.Jurisdiction;

/**
 * An account in the registry. {@code number} is the public account number (e.g. {@code CN-120-000042});
 * {@code holder} names the covered entity, person or government body; {@code entityCode} is the holder's
 * unified social credit code or other identifier, when there is one.
 */
public record Account(long id, String number, Jurisdiction jurisdiction, AccountType type, String holder,
                      String entityCode, AccountStatus status) {
    public Account withStatus(AccountStatus s) { return new Account(id, number, jurisdiction, type, holder, entityCode, s); }
}
