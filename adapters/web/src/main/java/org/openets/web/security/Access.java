package org.openets.web.security;

import org.openets.kernel.ActorId;
import org.openets.workflows.registry.spi.RegistryReadModel;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Works out the signed-in person's {@link Permissions} from the registry, per request. */
@Component
public class Access {
    private final RegistryReadModel registry;

    public Access(RegistryReadModel registry) { this.registry = registry; }

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
        return new Permissions(actor, u.displayName(), false, registry.administeredJurisdictions(actor), registry.representedAccounts(actor));
    }
}
