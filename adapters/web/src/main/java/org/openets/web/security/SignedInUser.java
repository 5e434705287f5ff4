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
 * records), an auditor (reads everything, writes nothing) or a verifier (a verification organisation's staff, who
 * see and state on their organisation's assignments only). The login is the registry's actor id.
 */
public final class SignedInUser implements UserDetails, CredentialsContainer {
    @Serial private static final long serialVersionUID = 1L;

    /** PERSON: acts as the registry records; AUDITOR: reads everything; VERIFIER: works for a verification organisation. */
    public enum Kind { PERSON, AUDITOR, VERIFIER }

    private final String login;
    private final String displayName;
    private final Kind kind;
    private final boolean enabled;
    private final String credentialStamp;
    private final boolean passwordChangeRequired;
    private String passwordHash;

    public SignedInUser(String login, String displayName, Kind kind, boolean enabled, String passwordHash) {
        this(login, displayName, kind, enabled, passwordHash, false);
    }

    public SignedInUser(String login, String displayName, Kind kind, boolean enabled, String passwordHash, boolean passwordChangeRequired) {
        this.login = login;
        this.displayName = displayName;
        this.kind = kind;
        this.enabled = enabled;
        this.passwordHash = passwordHash;
        this.credentialStamp = stamp(passwordHash);
        this.passwordChangeRequired = passwordChangeRequired;
    }

    /** The password was set by an administrator, who knows it: the person chooses their own before doing anything else. */
    public boolean passwordChangeRequired() { return passwordChangeRequired; }

    /**
     * A digest of the password hash the person signed in with, kept in the session when the hash itself is erased: a
     * session whose stamp no longer matches the stored one ends (the password was changed: {@link SessionCheckFilter}).
     */
    public String credentialStamp() { return credentialStamp; }

    private static String stamp(String passwordHash) {
        if (passwordHash == null) return "";
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String login() { return login; }

    public String displayName() { return displayName; }

    public Kind kind() { return kind; }

    public boolean isAuditor() { return kind == Kind.AUDITOR; }

    public boolean isVerifier() { return kind == Kind.VERIFIER; }

    @Override public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + kind.name()));
    }

    @Override public String getPassword() { return passwordHash; }

    @Override public String getUsername() { return login; }

    @Override public boolean isEnabled() { return enabled; }

    @Override public void eraseCredentials() { passwordHash = null; }

    @Override public String toString() { return login; }
}
