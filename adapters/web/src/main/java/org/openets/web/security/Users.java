package org.openets.web.security;

import java.util.Optional;

/** Port: who may sign in. Implemented over the store by the server's wiring. */
public interface Users {
    /** The user with the stored password hash, or empty. */
    Optional<SignedInUser> find(String login);
}
