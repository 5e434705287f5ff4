package org.openets.web.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import java.io.Serial;

/** Signed in by an API token (not by a password): such a client may not mint further tokens. */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {
    @Serial private static final long serialVersionUID = 1L;

    private final SignedInUser user;
    private final long tokenId;

    public ApiTokenAuthentication(SignedInUser user, long tokenId) {
        super(user.getAuthorities());
        this.user = user;
        this.tokenId = tokenId;
        setAuthenticated(true);
    }

    public long tokenId() { return tokenId; }

    @Override public Object getCredentials() { return null; }

    @Override public Object getPrincipal() { return user; }
}
