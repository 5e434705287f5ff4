package org.openets.web.api;

import org.openets.web.desk.FourEyesDesk;
import org.openets.web.security.Access;

import java.util.List;
import java.util.function.Function;

/**
 * What the API of every 4-eyes kind (caps, controls, calendars: {@link FourEyesDesk}) answers alike: its inbox, one
 * proposal, and a decision (approve, decline, withdraw) as the caller. Each kind's controller declares these endpoints
 * with its own paths, words and request bodies, and answers through these in its own JSON.
 *
 * @param <V> a proposal as the kind's desk reads it
 * @param <D> what deciding one came to
 * @param <P> a proposal as the kind's API shows it
 * @param <R> a decision as the kind's API shows it
 */
abstract class FourEyesApi<V, D, P, R> {
    protected final FourEyesDesk<V, D> proposals;
    protected final Access access;

    FourEyesApi(FourEyesDesk<V, D> proposals, Access access) {
        this.proposals = proposals;
        this.access = access;
    }

    /** How proposals are shown (a mapping made once for a list: what it needs from elsewhere is read once). */
    protected abstract Function<V, P> proposalJson();

    /** How a decision is shown. */
    protected abstract R decisionJson(D d);

    /** The pending proposals awaiting the caller's approval, oldest first. */
    protected List<P> inboxJson() { return proposals.awaiting(access.current()).stream().map(proposalJson()).toList(); }

    protected P oneJson(long id) { return proposalJson().apply(proposals.proposal(access.current(), id)); }

    protected R approved(long id) { return decisionJson(proposals.approve(access.current(), id)); }

    protected R declined(long id, String reason) { return decisionJson(proposals.decline(access.current(), id, reason)); }

    protected R withdrawn(long id, String reason) { return decisionJson(proposals.withdraw(access.current(), id, reason)); }
}
