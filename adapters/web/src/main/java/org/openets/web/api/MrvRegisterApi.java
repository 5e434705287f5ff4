package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.emissions.Facility;
import org.openets.emissions.Installation;
import org.openets.emissions.InstallationSpec;
import org.openets.emissions.InstallationVersion;
import org.openets.kernel.Jurisdiction;
import org.openets.web.desk.MrvRegisterDesk;
import org.openets.web.desk.MrvRegisterDesk.ConsultingLinkIn;
import org.openets.web.desk.MrvRegisterDesk.EntityIn;
import org.openets.web.desk.MrvRegisterDesk.Entry;
import org.openets.web.desk.MrvRegisterDesk.FacilityIn;
import org.openets.web.desk.MrvRegisterDesk.InstallationIn;
import org.openets.web.desk.MrvRegisterDesk.VerifierIn;
import org.openets.web.desk.MrvRegisterDesk.VersionIn;
import org.openets.web.security.Access;
import org.openets.workflows.emissions.EmissionsViews.ConsultingLinkView;
import org.openets.workflows.emissions.EmissionsViews.Recorded;
import org.openets.workflows.emissions.EmissionsViews.Registered;
import org.openets.workflows.emissions.EmissionsViews.VerifierView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The MRV register (名录) under /api/v1/emissions: covered entities linked to their registry holding accounts, their
 * facilities and installations with every version, accredited verifier organisations and consulting links. The
 * regulator records, auditors read, an entity's representatives read its facilities. A command sent again with the
 * same content answers 200 with what is recorded; a new record is 201. See docs/reference/emissions-api.md §8.
 */
@RestController
@RequestMapping("/api/v1/emissions")
@Tag(name = "Emissions register", description = "Covered entities, facilities, installations with their versions, verifiers and consulting links")
public class MrvRegisterApi {
    private final MrvRegisterDesk desk;
    private final Access access;

    public MrvRegisterApi(MrvRegisterDesk desk, Access access) {
        this.desk = desk;
        this.access = access;
    }

    // ---------------------------------------------------------------------------------------------- JSON

    /** An installation's specification; {@code capacityUnit} says what {@code capacity} counts for the kind. */
    public record SpecJson(String kind, String category, String capacity, String capacityUnit, String pressure, String cooling, Boolean heatSupply,
                           String commissioned, String closed, String province, String city) {
        static SpecJson of(InstallationSpec s) {
            return switch (s) {
                case InstallationSpec.GeneratingUnit g -> new SpecJson(s.kind().name(), g.category().name(), EmissionsApi.plain(g.capacityMw()), "MW",
                        g.pressure().name(), g.cooling().name(), g.heatSupply(), date(s.commissioned()), date(s.closed()), s.province(), s.city());
                case InstallationSpec.ClinkerLine l -> new SpecJson(s.kind().name(), null, EmissionsApi.plain(l.capacityTonnesPerDay()), "t/d", null, null,
                        null, date(s.commissioned()), date(s.closed()), s.province(), s.city());
                case InstallationSpec.AluminiumSmelter a -> new SpecJson(s.kind().name(), null, EmissionsApi.plain(a.capacityTonnesPerYear()), "t/a", null,
                        null, null, date(s.commissioned()), date(s.closed()), s.province(), s.city());
            };
        }
    }

    /** One version: valid from {@code validFrom} to {@code validTo} inclusive (null: the current one). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "MrvRegisterVersionJson")
    public record VersionJson(String validFrom, String validTo, String reason, SpecJson spec, String recordedBy, Instant recordedAt) {}

    public record InstallationJson(String id, String facility, String kind, String recordedBy, Instant recordedAt, List<VersionJson> versions) {}

    public record FacilityJson(String id, String name, String recordedBy, Instant recordedAt, List<InstallationJson> installations) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "MrvRegisterEntityJson")

    public record EntityJson(String id, String name, String jurisdiction, String account, String accountHolder, String recordedBy, Instant recordedAt,
                             List<FacilityJson> facilities) {
        static EntityJson of(Entry e) {
            List<FacilityJson> facilities = e.structure().facilities().stream().map(f -> facility(e, f)).toList();
            Recorded r = e.records().entity();
            return new EntityJson(e.entity().id().value(), e.entity().name(), e.entity().jurisdiction().code(), e.accountNumber(), e.accountHolder(), by(r),
                    r.at(), facilities);
        }

        static FacilityJson facility(Entry e, Facility f) {
            Recorded r = e.records().facilities().getOrDefault(f.id(), Recorded.UNKNOWN);
            return new FacilityJson(f.id().value(), f.name(), by(r), r.at(), f.installations().stream().map(i -> installation(e, f, i)).toList());
        }

        static InstallationJson installation(Entry e, Facility f, Installation i) {
            Recorded r = e.records().installations().getOrDefault(i.id(), Recorded.UNKNOWN);
            List<VersionJson> versions = i.versions().stream().map(v -> version(e, i, v)).toList();
            return new InstallationJson(i.id().value(), f.id().value(), i.kind().name(), by(r), r.at(), versions);
        }

        static VersionJson version(Entry e, Installation i, InstallationVersion v) {
            Recorded r = e.records().version(i.id(), v.validFrom());
            return new VersionJson(date(v.validFrom()), date(i.validTo(v)), v.reason(), SpecJson.of(v.spec()), by(r), r.at());
        }
    }

    public record VerifierJson(String id, String name, String accreditedFrom, String accreditedUntil, List<String> jurisdictions, String recordedBy,
                               Instant recordedAt) {
        static VerifierJson of(VerifierView v) {
            return new VerifierJson(v.verifier().id().value(), v.verifier().name(), date(v.verifier().accreditedFrom()), date(v.verifier().accreditedUntil()),
                    v.verifier().jurisdictions().stream().map(Jurisdiction::code).sorted().toList(), by(v.recorded()), v.recorded().at());
        }
    }

    public record ConsultingLinkJson(long id, String verifier, String entity, int fromYear, int toYear, String nature, String recordedBy, Instant recordedAt) {
        static ConsultingLinkJson of(ConsultingLinkView l) {
            return new ConsultingLinkJson(l.id(), l.link().verifier().value(), l.link().entity().value(), l.link().fromYear(), l.link().toYear(),
                    l.link().nature(), by(l.recorded()), l.recorded().at());
        }
    }

    static String date(LocalDate d) { return d == null ? null : d.toString(); }

    static String by(Recorded r) { return r.by() == null ? null : r.by().value(); }

    /** 201 with a new record, 200 when the same was recorded already (a retry). */
    static <T, J> ResponseEntity<J> recorded(Registered<T> r, Function<T, J> json) {
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(json.apply(r.value()));
    }

    static InstallationJson installation(Entry e, String id) {
        for (Facility f : e.structure().facilities())
            for (Installation i : f.installations())
                if (i.id().value().equals(id)) return EntityJson.installation(e, f, i);
        throw new IllegalStateException("installation " + id + " not in " + e.entity().id());
    }

    // ---------------------------------------------------------------------------------------------- entities

    @GetMapping("/entities")
    @Operation(summary = "Covered entities with their facilities and installations, every version: a regulator its jurisdictions', "
            + "a representative its own, auditors all; others 403 NOT_AUTHORISED")
    public List<EntityJson> entities() { return desk.entities(access.current()).stream().map(EntityJson::of).toList(); }

    @GetMapping("/entities/{entity}")
    @Operation(summary = "One covered entity with its facilities and installations, every version with its validity and reason")
    public EntityJson entity(@PathVariable String entity) { return EntityJson.of(desk.entity(access.current(), entity)); }

    @PostMapping("/entities")
    @Operation(summary = "The regulator defines a covered entity {id, name, jurisdiction, account}: account is the number of a "
            + "COVERED_ENTITY_HOLDING account of that jurisdiction not linked to another entity. 201; the same again 200")
    public ResponseEntity<EntityJson> defineEntity(@RequestBody EntityIn in) {
        return recorded(desk.defineEntity(access.current(), in), EntityJson::of);
    }

    @PostMapping("/entities/{entity}/facilities")
    @Operation(summary = "The regulator adds a facility {id, name} to an entity; answers the entity. 201; the same again 200")
    public ResponseEntity<EntityJson> addFacility(@PathVariable String entity, @RequestBody FacilityIn in) {
        return recorded(desk.addFacility(access.current(), entity, in), EntityJson::of);
    }

    @PostMapping("/entities/{entity}/installations")
    @Operation(summary = "The regulator adds an installation {facility, id, kind, validFrom, reason, spec} with its first version; "
            + "answers the installation. 201; the same again 200")
    public ResponseEntity<InstallationJson> addInstallation(@PathVariable String entity, @RequestBody InstallationIn in) {
        return recorded(desk.addInstallation(access.current(), entity, in), e -> installation(e, in.id().strip()));
    }

    @PostMapping("/entities/{entity}/installations/{installation}/versions")
    @Operation(summary = "The regulator appends a version {validFrom, reason, spec} to an installation: it starts after the last one "
            + "(else 409 VERSION_NOT_AFTER_LAST); earlier versions are never edited. Answers the installation with every version")
    public ResponseEntity<InstallationJson> appendVersion(@PathVariable String entity, @PathVariable String installation, @RequestBody VersionIn in) {
        return recorded(desk.appendVersion(access.current(), entity, installation, in), e -> installation(e, installation));
    }

    // ---------------------------------------------------------------------------------------------- verifiers

    @GetMapping("/verifiers")
    @Operation(summary = "The verifier organisations and their accreditation (regulators, auditors)")
    public List<VerifierJson> verifiers() { return desk.verifiers(access.current()).stream().map(VerifierJson::of).toList(); }

    @PostMapping("/verifiers")
    @Operation(summary = "The regulator records an accredited verifier organisation {id, name, accreditedFrom, accreditedUntil?, jurisdictions?} "
            + "for its own jurisdictions. 201; the same again 200; the id taken by another 409 VERIFIER_EXISTS")
    public ResponseEntity<VerifierJson> addVerifier(@RequestBody VerifierIn in) {
        return recorded(desk.addVerifier(access.current(), in), VerifierJson::of);
    }

    @GetMapping("/consulting-links")
    @Operation(summary = "Consulting links: a regulator those of its jurisdictions' entities, auditors all")
    public List<ConsultingLinkJson> consultingLinks() { return desk.consultingLinks(access.current()).stream().map(ConsultingLinkJson::of).toList(); }

    @PostMapping("/consulting-links")
    @Operation(summary = "The regulator records that a verifier consulted for an entity {verifier, entity, fromYear, toYear, nature}: "
            + "the independence rule then keeps it from verifying the entity. 201; the same again 200")
    public ResponseEntity<ConsultingLinkJson> addConsultingLink(@RequestBody ConsultingLinkIn in) {
        return recorded(desk.addConsultingLink(access.current(), in), ConsultingLinkJson::of);
    }
}
