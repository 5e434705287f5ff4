package org.openets.web.security;

import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Account;
import org.openets.registry.Role;
import org.openets.registry.Transaction;
import org.openets.registry.TransactionType;

import java.util.Map;
import java.util.Set;

/**
 * What one person may see and do, as the registry records it: the accounts they represent with their roles
 * (授权代表), the jurisdictions they administer, whether they are an auditor, and the verification organisation
 * (核查机构) they work for, if any. The registry core checks the
 * same rules again when a command arrives; this copy lets the web layer refuse early (nothing is written) and
 * show only the buttons a person may press.
 */
public record Permissions(ActorId actor, String displayName, boolean auditor, Set<String> administered,
                          Map<Long, Set<Role>> represented, String verifier) {
    public static final Permissions ANONYMOUS = new Permissions(null, null, false, Set.of(), Map.of());

    public Permissions {
        administered = Set.copyOf(administered);
        represented = Map.copyOf(represented);
    }

    public Permissions(ActorId actor, String displayName, boolean auditor, Set<String> administered, Map<Long, Set<Role>> represented) {
        this(actor, displayName, auditor, administered, represented, null);
    }

    /** Whether this person signs in for a verification organisation ({@code verifier} is its id). */
    public boolean isVerifier() { return verifier != null; }

    public boolean signedIn() { return actor != null; }

    public String login() { return actor == null ? "anonymous" : actor.value(); }

    public boolean isAdministrator() { return !administered.isEmpty(); }

    public boolean administers(Jurisdiction j) { return administered.contains(j.code()); }

    public Set<Role> roles(long accountId) { return represented.getOrDefault(accountId, Set.of()); }

    /** Auditors see everything; administrators their jurisdictions' accounts; representatives their own. */
    public boolean mayRead(Account a) {
        return auditor || administers(a.jurisdiction()) || represented.containsKey(a.id());
    }

    /**
     * An account's holder as this person may see it: a natural person's trading account publishes no name (the public
     * list withholds it), so its holder's name is shown only to those who may read the account (its representatives,
     * its regulators, auditors); to anyone else, a counterparty or someone who typed its number, null ("not shown").
     * Organisations' names are shown, as the public list shows them.
     */
    public String holderAsSeen(Account a) {
        if (mayRead(a)) return a.holder();
        boolean person = a.type() == org.openets.registry.AccountType.TRADING_HOLDING && a.holderKind() != org.openets.registry.HolderKind.ORGANISATION;
        return person ? null : a.holder();
    }

    /** Auditors write nothing; anonymous visitors neither. */
    public boolean mayWrite() { return signedIn() && !auditor; }

    /**
     * May initiate {@code type} on the governing account (the source; for issuance the issuer's total-quantity
     * account): administrative types and government accounts need the jurisdiction's administrator, holders'
     * accounts a representative with the initiator role.
     */
    public boolean mayInitiate(TransactionType type, Account governing) {
        if (!mayWrite()) return false;
        if (type.isAdministrative() || governing.type().isGovernment()) return administers(governing.jurisdiction());
        return roles(governing.id()).contains(Role.INITIATOR);
    }

    /**
     * A second person: an administrator for administrative work and government accounts; for holders' own transactions a
     * representative with the approver role, or an administrator where the account's controls allow it
     * ({@code administratorsApproveHolders}, as Checks.approves decides).
     */
    public boolean mayApprove(Transaction t, Account governing, boolean administratorsApproveHolders) {
        if (!mayWrite() || t.initiator().equals(actor)) return false;
        boolean admin = administers(governing.jurisdiction());
        if (t.type().isAdministrative() || governing.type().isGovernment()) return admin;
        return roles(governing.id()).contains(Role.APPROVER) || (admin && administratorsApproveHolders);
    }

    /**
     * Whether anything could ever wait for this person's approval: an administrator, or a representative with the
     * approver role on some account (the approval inbox and its menu entry are for them only).
     */
    public boolean mayApproveAnything() {
        return mayWrite() && (isAdministrator() || represented.values().stream().anyMatch(r -> r.contains(Role.APPROVER)));
    }

    public boolean mayCancel(Transaction t, Account governing) {
        return mayWrite() && (t.initiator().equals(actor) || administers(governing.jurisdiction()));
    }
}
