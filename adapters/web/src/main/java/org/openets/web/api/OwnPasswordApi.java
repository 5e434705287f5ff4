package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.Problem;
import org.openets.web.desk.OwnPasswordDesk;
import org.openets.web.security.Access;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Me", description = "The signed-in person's own sign-in")
public class OwnPasswordApi {
    private final OwnPasswordDesk desk;

    public OwnPasswordApi(OwnPasswordDesk desk) { this.desk = desk; }

    public record PasswordChange(String current, String password) {}

    @PostMapping("/api/v1/me/password")
    @Operation(summary = "Change your own password: the current one and the new one (at least 12 characters, 5 different, not the login). "
            + "Your API tokens are revoked and your other sessions end. Required before anything else when an administrator set your password "
            + "(403 PASSWORD_CHANGE_REQUIRED until then). A wrong current password counts as a failed sign-in. Not with an API token "
            + "(403 PASSWORD_SIGN_IN_REQUIRED).")
    public ResponseEntity<Void> change(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) PasswordChange request, jakarta.servlet.http.HttpServletRequest http,
                                       jakarta.servlet.http.HttpServletResponse response) {
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"current\": ..., \"password\": ...}").say("detail.jsonFields", "current, password");
        var changed = desk.change(Access.currentUser(), request.current(), request.password(), null);
        // signed in by a session: it goes on, under a new id, as in the pages
        org.openets.web.security.SessionRenewal.keep(changed, http, response);
        return ResponseEntity.noContent().build();
    }
}
