package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.Problem;
import org.openets.web.desk.AuditDesk;
import org.openets.web.desk.PeopleDesk;
import org.openets.web.security.Access;
import org.openets.web.security.People;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/v1/people")
@Tag(name = "People", description = "The sign-ins of the people who act for account holders, kept by registry administrators: add a person, disable one, set a new password; with who did it. Auditors read them all and change nothing. Administrators and auditors stay the platform operator's (openets users)")
public class PeopleApi {
    private final PeopleDesk desk;
    private final Access access;

    public PeopleApi(PeopleDesk desk, Access access) {
        this.desk = desk;
        this.access = access;
    }

    /** {@code passwordAgain} (optional): the password typed a second time; when sent, it must be the same. */
    public record AddPersonRequest(String login, String displayName, String password, String passwordAgain) {}

    public record PasswordRequest(String password, String passwordAgain) {}

    public record RoleJson(String account, String role) {}

    /** {@code administers}: the jurisdictions the person administers (an auditor reads administrators too; empty for anyone an administrator manages). */
    /** {@code kind}: PERSON, AUDITOR or VERIFIER (an auditor reads every sign-in; an administrator, persons only). */
    public record PersonJson(String login, String displayName, String kind, boolean enabled, List<String> administers, List<RoleJson> roles) {
        static PersonJson of(People.Person p) {
            return new PersonJson(p.login(), p.displayName(), p.kind(), p.enabled(), p.administers(), p.roles().stream().map(r -> new RoleJson(r.account(), r.role())).toList());
        }
    }

    /** Sign-ins a page of the API's list. */
    public static final int PEOPLE_PAGE = 1000, PEOPLE_MAX = 5000;

    @GetMapping
    @Operation(summary = "The people you may manage: plain persons (no registry administrators) with no role or roles only on accounts of jurisdictions you administer; "
            + "for an auditor, every sign-in (persons, administrators among them, auditors and verifiers: kind), to read. Registry administrators and auditors only. "
            + "A page at a time, by login: limit (1 to 5,000, default 1,000); the X-Next-After header, present when there are more, is the after of the next page "
            + "(the login of this page's last person)")
    public ResponseEntity<List<PersonJson>> people(@RequestParam(defaultValue = "" + PEOPLE_PAGE) int limit, @RequestParam(required = false) String after) {
        PeopleDesk.PeoplePage page = desk.people(access.current(), after, Math.clamp(limit, 1, PEOPLE_MAX));
        var answer = ResponseEntity.ok();
        if (page.more()) answer.header("X-Next-After", page.next());
        return answer.body(page.rows().stream().map(PersonJson::of).toList());
    }

    /** {@code id}: the change's number, for {@code before}. */
    public record PersonChangeJson(long id, String login, String change, String by, Instant at) {}

    @GetMapping("/changes")
    @Operation(summary = "Sign-ins added, disabled and given a new password (ADDED, DISABLED, PASSWORD_SET), newest first, with who did it (null: the platform operator): "
            + "of the people you may manage, and those you made; for an auditor, every change. 200 a page: the X-Next-Before header, present when there is more, "
            + "is the before of the next (older) page")
    public ResponseEntity<List<PersonChangeJson>> changes(@RequestParam(required = false) String before) {
        var h = desk.history(access.current(), AuditDesk.before(before));
        var answer = ResponseEntity.ok();
        if (h.more()) answer.header("X-Next-Before", Long.toString(h.next()));
        return answer.body(h.changes().stream().map(c -> new PersonChangeJson(c.id(), c.login(), c.change(), c.by(), c.at())).toList());
    }

    @PostMapping
    @Operation(summary = "Add a person's sign-in (kind PERSON), holding no role until one is granted on an account; registry administrators only. 409 LOGIN_EXISTS for a login in use")
    public ResponseEntity<PersonJson> add(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) AddPersonRequest request) {
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"login\": ..., \"displayName\": ..., \"password\": ...}")
                .say("detail.jsonFields", "login, displayName, password");
        var p = desk.add(access.current(), request.login(), request.displayName(), request.password(),
                request.passwordAgain() == null ? request.password() : request.passwordAgain());
        return ResponseEntity.created(URI.create("/api/v1/people/" + p.login())).body(PersonJson.of(p));
    }

    @PostMapping("/{login}/disable")
    @Operation(summary = "Disable a person you may manage: no sign-in, sessions end at their next request, API tokens revoked for good")
    public PersonJson disable(@PathVariable String login) {
        return PersonJson.of(desk.disable(access.current(), login, true));
    }

    @PostMapping("/{login}/password")
    @Operation(summary = "Set a new password for a person you may manage (and enable the sign-in again); their API tokens are revoked and sessions with the old password end")
    public PersonJson password(@PathVariable String login, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) PasswordRequest request) {
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"password\": ...}").say("detail.jsonFields", "password");
        return PersonJson.of(desk.setPassword(access.current(), login, request.password(),
                request.passwordAgain() == null ? request.password() : request.passwordAgain()));
    }
}
