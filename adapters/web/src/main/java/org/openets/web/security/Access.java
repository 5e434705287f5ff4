package org.openets.web.security;

import org.openets.kernel.ActorId;
import org.openets.workflows.emissions.spi.EmissionsStore;
import org.openets.workflows.registry.spi.RegistryReadModel;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Works out the signed-in person's {@link Permissions} from the registry (and, for verifiers, the MRV books), per request. */
@Component
public class Access {
    private final RegistryReadModel registry;
    private final EmissionsStore emissions;

    public Access(RegistryReadModel registry, EmissionsStore emissions) {
        this.registry = registry;
        this.emissions = emissions;
    }

    public static SignedInUser currentUser() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.isAuthenticated() && a.getPrincipal() instanceof SignedInUser u ? u : null;
    }

    public Permissions current() {
        SignedInUser u = currentUser();
        return u == null ? Permissions.ANONYMOUS : of(u);
    }

    public Permissions of(SignedInUser u) {
        ActorId actor = ActorId.of(u.login());
        if (u.isAuditor()) return new Permissions(actor, u.displayName(), true, java.util.Set.of(), java.util.Map.of());
        if (u.isVerifier()) {
            // a verifier acts for its organisation only; without a membership it may do nothing at all
            String org = emissions.verifierOf(actor).map(v -> v.value()).orElse("-");
            return new Permissions(actor, u.displayName(), false, java.util.Set.of(), java.util.Map.of(), org);
        }
        return new Permissions(actor, u.displayName(), false, registry.administeredJurisdictions(actor), registry.representedAccounts(actor));
    }
}
