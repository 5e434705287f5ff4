package org.openets.web.desk;

import org.openets.emissions.Cooling;
import org.openets.emissions.CoveredEntity;
import org.openets.emissions.EntityId;
import org.openets.emissions.FacilityId;
import org.openets.emissions.Installation;
import org.openets.emissions.InstallationId;
import org.openets.emissions.InstallationKind;
import org.openets.emissions.InstallationSpec;
import org.openets.emissions.PressureClass;
import org.openets.emissions.UnitCategory;
import org.openets.emissions.verification.ConsultingLink;
import org.openets.emissions.verification.Verifier;
import org.openets.emissions.verification.VerifierId;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Account;
import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.web.security.Refusals;
import org.openets.workflows.emissions.EmissionsResult;
import org.openets.workflows.emissions.EmissionsViews.ConsultingLinkView;
import org.openets.workflows.emissions.EmissionsViews.EntityRecords;
import org.openets.workflows.emissions.EmissionsViews.EntityView;
import org.openets.workflows.emissions.EmissionsViews.Registered;
import org.openets.workflows.emissions.EmissionsViews.VerifierView;
import org.openets.workflows.emissions.MrvRegister;
import org.openets.workflows.emissions.spi.EmissionsStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The MRV register desk: who may read and record covered entities, facilities, installations and their versions,
 * verifiers and consulting links, before {@link MrvRegister} acts; and the reading of what people type into values.
 * <ul>
 * <li>the regulator (an administrator of the entity's jurisdiction) records and reads its jurisdiction's entities,
 * and records verifiers accredited in its jurisdictions and consulting links of its entities; it reads every
 * verifier (a verifier may be accredited elsewhere first);</li>
 * <li>auditors read everything and record nothing;</li>
 * <li>an entity's representatives (of the registry account it is linked to) read its facilities and installations;</li>
 * <li>everyone else is refused: 403 NOT_AUTHORISED.</li>
 * </ul>
 * The checks of a command, in order: a writing regulator at all (403); the entity in the path (404) and that the
 * caller regulates it (403); the fields (400 VALIDATION_FAILED listing every field's problem, nothing written); that
 * the caller administers the jurisdictions the body names (403); then the register's own checks (404, 409, 422).
 * Refusals other than 400 and 404 are recorded for the auditors.
 */
@Component
public class MrvRegisterDesk {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,39}");
    static final BigDecimal MAX_CAPACITY = new BigDecimal("1000000000");

    private final MrvRegister register;
    private final EmissionsStore store;
    private final Refusals refusals;

    public MrvRegisterDesk(MrvRegister register, Refusals refusals) {
        this.register = register;
        this.store = register.store();
        this.refusals = refusals;
    }

    // ---------------------------------------------------------------------------------------------- input

    /** A covered entity to define: its id, name, jurisdiction and the number of its registry holding account. */
    public record EntityIn(String id, String name, String jurisdiction, String account) {}

    public record FacilityIn(String id, String name) {}

    /**
     * An installation's specification as typed. {@code capacity} is in MW for a generating unit, tonnes of clinker a
     * day for a clinker line, tonnes of liquid aluminium a year for a smelter; a number or its text. {@code category},
     * {@code pressure}, {@code cooling} and {@code heatSupply} are a generating unit's only.
     */
    public record SpecIn(String category, Object capacity, String pressure, String cooling, Boolean heatSupply, String commissioned, String closed,
                         String province, String city) {}

    /** A new installation under a facility, with its first version. */
    public record InstallationIn(String facility, String id, String kind, String validFrom, String reason, SpecIn spec) {}

    /** A new version of an installation: valid from a day after its last version's, with the reason. */
    public record VersionIn(String validFrom, String reason, SpecIn spec) {}

    /** An accredited verifier organisation; {@code jurisdictions} may be left out by a regulator of one jurisdiction. */
    public record VerifierIn(String id, String name, String accreditedFrom, String accreditedUntil, List<String> jurisdictions) {}

    public record ConsultingLinkIn(String verifier, String entity, Integer fromYear, Integer toYear, String nature) {}

    /** The field problems of one request: all of them are answered at once, as 400 VALIDATION_FAILED. */
    static final class Fields {
        private final List<Map<String, String>> problems = new ArrayList<>();

        void add(String field, String message) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("field", field);
            m.put("message", message);
            problems.add(m);
        }

        String id(String field, String value) {
            if (value == null || value.isBlank()) add(field, "required");
            else if (!ID.matcher(value.strip()).matches()) add(field, "1-40 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit");
            else return value.strip();
            return null;
        }

        String text(String field, String value, int max) {
            if (value == null || value.isBlank()) add(field, "required");
            else if (value.strip().length() > max) add(field, "at most " + max + " characters");
            else return value.strip();
            return null;
        }

        LocalDate date(String field, String value, boolean required) {
            if (value == null || value.isBlank()) {
                if (required) add(field, "required (yyyy-mm-dd)");
                return null;
            }
            try {
                LocalDate d = LocalDate.parse(value.strip());
                if (d.getYear() < 1950 || d.getYear() > 2100) add(field, "a day in 1950..2100");
                else return d;
            } catch (DateTimeParseException e) {
                add(field, "a date yyyy-mm-dd, not '" + value.strip() + "'");
            }
            return null;
        }

        Integer year(String field, Integer value) {
            if (value == null) add(field, "required");
            else if (value < 1990 || value > 2100) add(field, "a year in 1990..2100");
            else return value;
            return null;
        }

        Jurisdiction jurisdiction(String field, String value) {
            if (value == null || value.isBlank()) {
                add(field, "required");
                return null;
            }
            try {
                return Jurisdiction.of(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                add(field, "a jurisdiction code of 2-8 letters, not '" + value.strip() + "'");
                return null;
            }
        }

        <E extends Enum<E>> E choice(String field, String value, Class<E> type, boolean required) {
            if (value == null || value.isBlank()) {
                if (required) add(field, "required: one of " + List.of(type.getEnumConstants()));
                return null;
            }
            try {
                return Enum.valueOf(type, value.strip());
            } catch (IllegalArgumentException e) {
                add(field, "one of " + List.of(type.getEnumConstants()) + ", not '" + value.strip() + "'");
                return null;
            }
        }

        /** The most decimal places a measured figure of the register carries. */
        static final int MAX_DECIMALS = 6;

        BigDecimal positive(String field, Object value) {
            BigDecimal d = null;
            if (value == null || (value instanceof String s && s.isBlank())) {
                add(field, "required");
                return null;
            }
            try {
                if (value instanceof BigDecimal b) d = b;
                else if (value instanceof Number || value instanceof String) d = new BigDecimal(value.toString().strip());
            } catch (NumberFormatException e) {
                d = null;
            }
            if (d == null) add(field, "a number, not '" + value + "'");
            else if (d.signum() <= 0) add(field, "must be greater than 0");
            else if (d.compareTo(MAX_CAPACITY) >= 0) add(field, "must be less than " + MAX_CAPACITY.toPlainString());
            // the store keeps a plain decimal: 1e-999999999 is a number, but not one anybody measured
            else if (d.stripTrailingZeros().scale() > MAX_DECIMALS) add(field, "has at most " + MAX_DECIMALS + " decimal places");
            else return d;
            return null;
        }

        void absent(String field, Object value, InstallationKind kind) {
            if (value != null && !(value instanceof String s && s.isBlank()) && !Boolean.FALSE.equals(value))
                add(field, "a generating unit's only, not used for a " + kind);
        }

        void check() {
            if (problems.isEmpty()) return;
            Map<String, String> first = problems.getFirst();
            throw Problem.badRequest("VALIDATION_FAILED", problems.size() + " problem(s), nothing saved; first: " + first.get("field") + ": "
                    + first.get("message")).with("field", first.get("field")).with("problems", List.copyOf(problems)).say("detail.form.problems", problems.size());
        }
    }

    /** Reads a spec for an installation of {@code kind}, naming each field under {@code prefix}; null when a field is wrong. */
    static InstallationSpec spec(Fields f, String prefix, InstallationKind kind, SpecIn in) {
        if (in == null) {
            f.add(prefix.isEmpty() ? "spec" : prefix.substring(0, prefix.length() - 1), "required");
            return null;
        }
        int before = f.problems.size();
        BigDecimal capacity = f.positive(prefix + "capacity", in.capacity());
        LocalDate commissioned = f.date(prefix + "commissioned", in.commissioned(), true);
        LocalDate closed = f.date(prefix + "closed", in.closed(), false);
        if (commissioned != null && closed != null && closed.isBefore(commissioned)) f.add(prefix + "closed", "must not be before commissioned (" + commissioned + ")");
        String province = f.text(prefix + "province", in.province(), 100);
        String city = f.text(prefix + "city", in.city(), 100);
        UnitCategory category = null;
        PressureClass pressure = null;
        Cooling cooling = null;
        if (kind == InstallationKind.GENERATING_UNIT) {
            category = f.choice(prefix + "category", in.category(), UnitCategory.class, true);
            pressure = f.choice(prefix + "pressure", in.pressure(), PressureClass.class, true);
            cooling = f.choice(prefix + "cooling", in.cooling(), Cooling.class, true);
        } else if (kind != null) {
            f.absent(prefix + "category", in.category(), kind);
            f.absent(prefix + "pressure", in.pressure(), kind);
            f.absent(prefix + "cooling", in.cooling(), kind);
            f.absent(prefix + "heatSupply", in.heatSupply(), kind);
        }
        if (kind == null || f.problems.size() > before) return null;
        return switch (kind) {
            case GENERATING_UNIT -> new InstallationSpec.GeneratingUnit(category, capacity, pressure, cooling, Boolean.TRUE.equals(in.heatSupply()), commissioned,
                    closed, province, city);
            case CLINKER_LINE -> new InstallationSpec.ClinkerLine(capacity, commissioned, closed, province, city);
            case ALUMINIUM_SMELTER -> new InstallationSpec.AluminiumSmelter(capacity, commissioned, closed, province, city);
        };
    }

    // ---------------------------------------------------------------------------------------------- who may

    boolean regulates(Permissions p, EntityView e) { return p.signedIn() && p.administers(e.jurisdiction()); }

    boolean represents(Permissions p, EntityView e) { return p.signedIn() && e.accountId() != null && p.represented().containsKey(e.accountId()); }

    /** Whether the person records in the register at all: a regulator that may write (not an auditor). */
    public boolean mayRecord(Permissions p) { return p.mayWrite() && p.isAdministrator(); }

    public boolean mayRecord(Permissions p, EntityView e) { return p.mayWrite() && regulates(p, e); }

    Problem refuse(Permissions p, String action, String target, String code, String detail) {
        refusals.record(p.login(), action, target, code, detail);
        return Problem.forbidden(code, detail);
    }

    private void mustRecord(Permissions p, String action, String target) {
        if (!mayRecord(p)) throw refuse(p, action, target, "NOT_AUTHORISED", p.login() + " is not a regulator: only a jurisdiction's administrators record in the MRV register")
                .say("detail.deny.mrvRecord");
    }

    private EntityView entity(String id) {
        if (id == null || !ID.matcher(id).matches()) throw Problem.badRequest("VALIDATION_FAILED", "entity must be 1-40 characters of A-Z a-z 0-9 . _ -").say("detail.idFormat.entity").with("field", "entity");
        return store.entityView(EntityId.of(id)).orElseThrow(() -> Problem.notFound("UNKNOWN_ENTITY", "no covered entity " + id).say("detail.unknownEntity", id));
    }

    /** The entity in the path, which the caller must regulate to record on it (403, recorded). */
    private EntityView regulated(Permissions p, String action, String entityId) {
        mustRecord(p, action, entityId);
        EntityView e = entity(entityId);
        if (!mayRecord(p, e)) throw refuse(p, action, e.id().value(), "NOT_AUTHORISED", p.login() + " does not regulate " + e.jurisdiction())
                .say("detail.deny.notRegulator", e.jurisdiction());
        return e;
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** A registered entity as the register shows it: the account's number, the facilities and installations with every version, who recorded what. */
    public record Entry(EntityView entity, String accountNumber, String accountHolder, CoveredEntity structure, EntityRecords records) {}

    Entry entry(EntityView e) {
        Optional<Account> a = register.account(e);
        CoveredEntity structure = store.entity(e.id()).orElseThrow();
        return new Entry(e, a.map(Account::number).orElse(null), a.map(Account::holder).orElse(null), structure, store.records(e.id()).orElseThrow());
    }

    /**
     * The entities the person may read, by id: an auditor every one, a regulator its jurisdictions', a representative
     * those linked to its accounts. Anyone else (a verifier; a person who neither regulates nor represents) is refused.
     */
    public List<Entry> entities(Permissions p) {
        if (!p.signedIn() || (!p.auditor() && !p.isAdministrator() && p.represented().isEmpty()))
            throw refuse(p, "LIST covered entities", "emissions register", "NOT_AUTHORISED", p.login() + " may not read the MRV register").say("detail.deny.mrvRegister");
        return store.entities().stream().filter(e -> p.auditor() || regulates(p, e) || represents(p, e)).map(this::entry).toList();
    }

    /** One entity with its facilities and installations: its regulator, its representatives and auditors (others 403, recorded). */
    public Entry entity(Permissions p, String entityId) {
        EntityView e = entity(entityId);
        if (!p.signedIn() || !(p.auditor() || regulates(p, e) || represents(p, e)))
            throw refuse(p, "READ covered entity", e.id().value(), "NOT_AUTHORISED", p.login() + " may not read the facilities of " + e.id()).say("detail.deny.facilities", e.id());
        return entry(e);
    }

    /** The verifier organisations: regulators and auditors (others 403, recorded). */
    public List<VerifierView> verifiers(Permissions p) {
        if (!p.signedIn() || !(p.auditor() || p.isAdministrator()))
            throw refuse(p, "LIST verifiers", "emissions register", "NOT_AUTHORISED", p.login() + " may not read the verifier register").say("detail.deny.verifiers");
        return store.verifiers();
    }

    /** The consulting links: a regulator those of its jurisdictions' entities, an auditor all (others 403, recorded). */
    public List<ConsultingLinkView> consultingLinks(Permissions p) {
        if (!p.signedIn() || !(p.auditor() || p.isAdministrator()))
            throw refuse(p, "LIST consulting links", "emissions register", "NOT_AUTHORISED", p.login() + " may not read the consulting links").say("detail.deny.consultingLinks");
        if (p.auditor()) return store.consultingLinkViews();
        Set<EntityId> mine = new java.util.HashSet<>();
        for (EntityView e : store.entities()) if (regulates(p, e)) mine.add(e.id());
        return store.consultingLinkViews().stream().filter(l -> mine.contains(l.link().entity())).toList();
    }

    /** The holding accounts the person may link a new entity to: covered-entity accounts of its jurisdictions not linked yet. */
    public List<Account> linkableAccounts(Permissions p) {
        if (!mayRecord(p)) return List.of();
        return p.administered().stream().sorted().flatMap(j -> register.linkableAccounts(Jurisdiction.of(j)).stream()).toList();
    }

    // ---------------------------------------------------------------------------------------------- recording

    public Registered<Entry> defineEntity(Permissions p, EntityIn in) {
        String action = "DEFINE covered entity";
        mustRecord(p, action, in == null ? null : in.id());
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "the body must be a JSON object").say("detail.jsonObject");
        Fields f = new Fields();
        String id = f.id("id", in.id());
        String name = f.text("name", in.name(), 200);
        Jurisdiction j = f.jurisdiction("jurisdiction", in.jurisdiction());
        String account = f.text("account", in.account(), 40);
        f.check();
        if (!p.administers(j)) throw refuse(p, action, id, "NOT_AUTHORISED", p.login() + " does not regulate " + j).say("detail.deny.notRegulator", j);
        Registered<EntityView> r = answer(p, action, id, register.defineEntity(EntityId.of(id), name, j, account, p.actor()));
        return new Registered<>(entry(r.value()), r.created());
    }

    public Registered<Entry> addFacility(Permissions p, String entityId, FacilityIn in) {
        String action = "ADD facility";
        EntityView e = regulated(p, action, entityId);
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "the body must be a JSON object").say("detail.jsonObject");
        Fields f = new Fields();
        String id = f.id("id", in.id());
        String name = f.text("name", in.name(), 200);
        f.check();
        Registered<CoveredEntity> r = answer(p, action, e.id() + "/" + id, register.addFacility(e.id(), FacilityId.of(id), name, p.actor()));
        return new Registered<>(entry(e), r.created());
    }

    /** Adds an installation with its first version; answers the entity, and the installation's id is {@code in.id()}. */
    public Registered<Entry> addInstallation(Permissions p, String entityId, InstallationIn in) {
        String action = "ADD installation";
        EntityView e = regulated(p, action, entityId);
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "the body must be a JSON object").say("detail.jsonObject");
        Fields f = new Fields();
        String facility = f.id("facility", in.facility());
        String id = f.id("id", in.id());
        InstallationKind kind = f.choice("kind", in.kind(), InstallationKind.class, true);
        LocalDate validFrom = f.date("validFrom", in.validFrom(), true);
        String reason = f.text("reason", in.reason(), 2000);
        InstallationSpec spec = spec(f, "spec.", kind, in.spec());
        f.check();
        Registered<Installation> r = answer(p, action, e.id() + "/" + id,
                register.addInstallation(e.id(), FacilityId.of(facility), InstallationId.of(id), validFrom, spec, reason, p.actor()));
        return new Registered<>(entry(e), r.created());
    }

    /** Appends a version to an installation; answers the entity. */
    public Registered<Entry> appendVersion(Permissions p, String entityId, String installationId, VersionIn in) {
        String action = "APPEND installation version";
        EntityView e = regulated(p, action, entityId);
        if (installationId == null || !ID.matcher(installationId).matches())
            throw Problem.badRequest("VALIDATION_FAILED", "installation must be 1-40 characters of A-Z a-z 0-9 . _ -").say("detail.idFormat.installation").with("field", "installation");
        Installation installation = store.entity(e.id()).flatMap(c -> c.installation(InstallationId.of(installationId)))
                .orElseThrow(() -> Problem.notFound("UNKNOWN_INSTALLATION", e.id() + " has no installation " + installationId).say("detail.unknownInstallation", e.id(), installationId));
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "the body must be a JSON object").say("detail.jsonObject");
        Fields f = new Fields();
        LocalDate validFrom = f.date("validFrom", in.validFrom(), true);
        String reason = f.text("reason", in.reason(), 2000);
        InstallationSpec spec = spec(f, "spec.", installation.kind(), in.spec());
        f.check();
        Registered<Installation> r = answer(p, action, e.id() + "/" + installationId,
                register.appendVersion(e.id(), installation.id(), validFrom, spec, reason, p.actor()));
        return new Registered<>(entry(e), r.created());
    }

    public Registered<VerifierView> addVerifier(Permissions p, VerifierIn in) {
        String action = "ADD verifier";
        mustRecord(p, action, in == null ? null : in.id());
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "the body must be a JSON object").say("detail.jsonObject");
        Fields f = new Fields();
        String id = f.id("id", in.id());
        String name = f.text("name", in.name(), 200);
        LocalDate from = f.date("accreditedFrom", in.accreditedFrom(), true);
        LocalDate until = f.date("accreditedUntil", in.accreditedUntil(), false);
        if (from != null && until != null && until.isBefore(from)) f.add("accreditedUntil", "must not be before accreditedFrom (" + from + ")");
        Set<Jurisdiction> jurisdictions = new LinkedHashSet<>();
        List<String> given = in.jurisdictions() == null ? List.of() : in.jurisdictions().stream().filter(x -> x != null && !x.isBlank()).toList();
        if (given.isEmpty() && p.administered().size() == 1) jurisdictions.add(Jurisdiction.of(p.administered().iterator().next()));
        else if (given.isEmpty()) f.add("jurisdictions", "required: the jurisdictions the accreditation is for");
        for (String j : given) {
            Jurisdiction x = f.jurisdiction("jurisdictions", j);
            if (x != null) jurisdictions.add(x);
        }
        f.check();
        for (Jurisdiction j : jurisdictions)
            if (!p.administers(j)) throw refuse(p, action, id, "NOT_AUTHORISED", p.login() + " does not regulate " + j + ": it accredits for its own jurisdictions only")
                    .say("detail.deny.accredit", j);
        return answer(p, action, id, register.addVerifier(new Verifier(VerifierId.of(id), name, from, until, jurisdictions), p.actor()));
    }

    public Registered<ConsultingLinkView> addConsultingLink(Permissions p, ConsultingLinkIn in) {
        String action = "ADD consulting link";
        mustRecord(p, action, in == null ? null : in.entity());
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "the body must be a JSON object").say("detail.jsonObject");
        Fields f = new Fields();
        String verifier = f.id("verifier", in.verifier());
        String entity = f.id("entity", in.entity());
        Integer from = f.year("fromYear", in.fromYear());
        Integer to = f.year("toYear", in.toYear());
        if (from != null && to != null && to < from) f.add("toYear", "must not be before fromYear (" + from + ")");
        String nature = f.text("nature", in.nature(), 500);
        f.check();
        EntityView e = entity(entity);
        String target = verifier + "->" + e.id();
        if (!mayRecord(p, e)) throw refuse(p, action, target, "NOT_AUTHORISED", p.login() + " does not regulate " + e.jurisdiction()).say("detail.deny.notRegulator", e.jurisdiction());
        return answer(p, action, target, register.addConsultingLink(new ConsultingLink(VerifierId.of(verifier), e.id(), from, to, nature), p.actor()));
    }

    // ---------------------------------------------------------------------------------------------- answers

    private <T> T answer(Permissions p, String action, String target, EmissionsResult<T> r) {
        return switch (r) {
            case EmissionsResult.Done<T> d -> d.value();
            case EmissionsResult.Invalid<T> i -> throw new IllegalStateException("the register does not read sheets: " + i);
            case EmissionsResult.Incomplete<T> i -> throw new IllegalStateException("the register does not read reports: " + i);
            case EmissionsResult.Refused<T> x -> {
                HttpStatus status = switch (x.code()) {
                    case "UNKNOWN_ENTITY", "UNKNOWN_INSTALLATION" -> HttpStatus.NOT_FOUND;
                    case "UNKNOWN_ACCOUNT", "NOT_A_COVERED_ENTITY_ACCOUNT", "ACCOUNT_OF_ANOTHER_JURISDICTION", "ACCOUNT_CLOSED", "UNKNOWN_FACILITY",
                         "UNKNOWN_VERIFIER", "KIND_MISMATCH" -> HttpStatus.UNPROCESSABLE_CONTENT;
                    default -> HttpStatus.CONFLICT;
                };
                if (status != HttpStatus.NOT_FOUND) refusals.record(p.login(), action, target, x.code(), x.detail());
                Problem problem = new Problem(status, x.code(), x.detail());
                String field = switch (x.code()) {
                    case "UNKNOWN_ACCOUNT", "NOT_A_COVERED_ENTITY_ACCOUNT", "ACCOUNT_OF_ANOTHER_JURISDICTION", "ACCOUNT_CLOSED", "ACCOUNT_ALREADY_LINKED" -> "account";
                    case "UNKNOWN_FACILITY" -> "facility";
                    case "UNKNOWN_VERIFIER" -> "verifier";
                    case "VERSION_NOT_AFTER_LAST" -> "validFrom";
                    case "ENTITY_EXISTS", "FACILITY_EXISTS", "INSTALLATION_EXISTS", "VERIFIER_EXISTS" -> "id";
                    default -> null;
                };
                throw field == null ? problem : problem.with("field", field);
            }
        };
    }
}
