package org.openets.web.security;

import java.util.Optional;

/** Port: who may sign in. Implemented over the store by the server's wiring. */
public interface Users {
    /** The user with the stored password hash, or empty. */
    Optional<SignedInUser> find(String login);

    /**
     * The user's own new password in place of {@code currentHash} (the stored hash the current password was checked
     * against): no longer required to change it, the user's API tokens revoked, the change kept in the sign-ins' history;
     * false when the user is not enabled or the stored password is no longer {@code currentHash}.
     */
    boolean changeOwnPassword(String login, String currentHash, String newHash);
}
