package org.openets.web.security;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

/**
 * Someone who signed in: a person (who may represent accounts or administer a jurisdiction, as the registry
 * records) or an auditor (reads everything, writes nothing). The login is the registry's actor id.
 */
public final class SignedInUser implements UserDetails, CredentialsContainer {
    @Serial private static final long serialVersionUID = 1L;

    public enum Kind { PERSON, AUDITOR }

    private final String login;
    private final String displayName;
    private final Kind kind;
    private final boolean enabled;
    private String passwordHash;

    public SignedInUser(String login, String displayName, Kind kind, boolean enabled, String passwordHash) {
        this.login = login;
        this.displayName = displayName;
        this.kind = kind;
        this.enabled = enabled;
        this.passwordHash = passwordHash;
    }

    public String login() { return login; }

    public String displayName() { return displayName; }

    public Kind kind() { return kind; }

    public boolean isAuditor() { return kind == Kind.AUDITOR; }

    @Override public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(isAuditor() ? "ROLE_AUDITOR" : "ROLE_PERSON"));
    }

    @Override public String getPassword() { return passwordHash; }

    @Override public String getUsername() { return login; }

    @Override public boolean isEnabled() { return enabled; }

    @Override public void eraseCredentials() { passwordHash = null; }

    @Override public String toString() { return login; }
}
