package org.openets.web.desk;

import org.openets.web.Problem;
import org.openets.web.security.LoginThrottle;
import org.openets.web.security.Refusals;
import org.openets.web.security.SignedInUser;
import org.openets.web.security.Users;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * A person's own password: whoever signed in with a password changes it by giving the one they have and the new one
 * twice, by the same rules as any password ({@link PeopleDesk#MIN_PASSWORD} and the rest). A wrong current password is
 * recorded as a failed sign-in (BAD_CREDENTIALS) and counts towards the sign-in throttle, which this refuses too
 * (LOGIN_THROTTLED), one check of a login at a time: a session left open does not let anyone try passwords, however
 * many at once; an API token changes nothing (403 PASSWORD_SIGN_IN_REQUIRED). The change revokes the person's API tokens
 * and ends their other sessions; the session it was made in goes on with the new password ({@link #change} returns the
 * signed-in user to keep in it). A password an administrator set must be changed this way before anything else
 * ({@link org.openets.web.security.SessionCheckFilter}).
 */
@Component
public class OwnPasswordDesk {
    private final Users users;
    private final PeopleDesk people;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final Refusals refusals;

    public OwnPasswordDesk(Users users, PeopleDesk people, PasswordEncoder encoder, LoginThrottle throttle, Refusals refusals) {
        this.users = users;
        this.people = people;
        this.encoder = encoder;
        this.throttle = throttle;
        this.refusals = refusals;
    }

    /**
     * Changes the signed-in person's password: 401 UNAUTHENTICATED without a person signed in by password; 429
     * LOGIN_THROTTLED while failed sign-ins lock the login; 403 BAD_CREDENTIALS (recorded, counted) for a wrong current
     * password; 400 VALIDATION_FAILED for a new password the rules refuse, two that differ, or the same as the current;
     * 409 CONFLICT when the password was changed meanwhile. Returns the user as now stored.
     */
    public SignedInUser change(SignedInUser me, String current, String password, String again) {
        if (me == null) throw new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.password.signIn");
        // an API token is no password: it neither changes one nor tries guesses at one
        if (org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication() instanceof org.openets.web.security.ApiTokenAuthentication) {
            refusals.record(me.login(), "CHANGE_PASSWORD person", me.login(), "PASSWORD_SIGN_IN_REQUIRED", "an API token cannot change a password");
            throw Problem.forbidden("PASSWORD_SIGN_IN_REQUIRED", "sign in with a password (session or HTTP Basic) to change it").say("detail.password.token");
        }
        // the checks of this login under way count, so that guesses sent all at once meet the throttle (LoginThrottle)
        String login = me.login();
        LoginThrottle.Check check = throttle.begin(login).orElse(null);
        if (check == null) {
            Instant until = throttle.lockedUntil(login).orElse(throttle.now());
            refusals.record(login, "CHANGE_PASSWORD person", login, LoginThrottle.THROTTLED, "too many failed sign-ins");
            throw new Problem(HttpStatus.TOO_MANY_REQUESTS, LoginThrottle.THROTTLED, "too many failed sign-ins for " + login + ": try again after " + until)
                    .say("detail.password.throttled");
        }
        try {
            SignedInUser stored = users.find(login).filter(SignedInUser::isEnabled)
                    .orElseThrow(() -> new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.password.signIn"));
            if (current == null || current.isEmpty() || stored.getPassword() == null || !encoder.matches(current, stored.getPassword())) {
                throttle.failed(login);
                refusals.record(login, "CHANGE_PASSWORD person", login, LoginThrottle.FAILURE, "the current password given is not the password");
                throw Problem.forbidden(LoginThrottle.FAILURE, "the current password is not right").say("detail.password.current");
            }
            String hash = people.hash(login, password, again);
            if (encoder.matches(password, stored.getPassword()))
                throw Problem.badRequest("VALIDATION_FAILED", "the new password is the one you have: choose another").say("detail.password.same");
            if (!users.changeOwnPassword(login, stored.getPassword(), hash))
                throw new Problem(HttpStatus.CONFLICT, "CONFLICT", "the password was changed meanwhile: sign in again").say("detail.password.meanwhile");
            return users.find(login).orElseThrow();
        } finally {
            check.close();
        }
    }
}
