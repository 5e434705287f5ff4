package org.openets.store.emissions;

import org.openets.emissions.AnnualReport;
import org.openets.emissions.Cooling;
import org.openets.emissions.CoveredEntity;
import org.openets.emissions.EntityId;
import org.openets.emissions.Facility;
import org.openets.emissions.FacilityId;
import org.openets.emissions.FuelType;
import org.openets.emissions.FuelUse;
import org.openets.emissions.Installation;
import org.openets.emissions.InstallationId;
import org.openets.emissions.InstallationKind;
import org.openets.emissions.InstallationSpec;
import org.openets.emissions.InstallationVersion;
import org.openets.emissions.PressureClass;
import org.openets.emissions.Product;
import org.openets.emissions.ProductOutput;
import org.openets.emissions.UnitActivity;
import org.openets.emissions.UnitCategory;
import org.openets.emissions.evidence.Attachment;
import org.openets.emissions.evidence.Seal;
import org.openets.emissions.verification.Assignment;
import org.openets.emissions.verification.ConsultingLink;
import org.openets.emissions.verification.FiguresVersion;
import org.openets.emissions.verification.Finding;
import org.openets.emissions.verification.Opinion;
import org.openets.emissions.verification.OutputMetric;
import org.openets.emissions.verification.Statement;
import org.openets.emissions.verification.Verifier;
import org.openets.emissions.verification.VerifierId;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.store.Sql;
import org.openets.workflows.emissions.EmissionsViews.ConsultingLinkView;
import org.openets.workflows.emissions.EmissionsViews.CorrectionView;
import org.openets.workflows.emissions.EmissionsViews.EntityRecords;
import org.openets.workflows.emissions.EmissionsViews.EntityView;
import org.openets.workflows.emissions.EmissionsViews.Figures;
import org.openets.workflows.emissions.EmissionsViews.FiguresVersionView;
import org.openets.workflows.emissions.EmissionsViews.FindingView;
import org.openets.workflows.emissions.EmissionsViews.NewAttachment;
import org.openets.workflows.emissions.EmissionsViews.Recorded;
import org.openets.workflows.emissions.EmissionsViews.ReportStatus;
import org.openets.workflows.emissions.EmissionsViews.ReportSummary;
import org.openets.workflows.emissions.EmissionsViews.ReportView;
import org.openets.workflows.emissions.EmissionsViews.StoredDigest;
import org.openets.workflows.emissions.EmissionsViews.VerificationView;
import org.openets.workflows.emissions.EmissionsViews.VerifierView;
import org.openets.workflows.emissions.spi.EmissionsStore;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The MRV books in PostgreSQL (migrations V13, V14 and V16): the register of entities and versioned installations,
 * verifiers and consulting links with who recorded them; reports with their
 * checked rows and computed figures, evidence bytes keyed by SHA-256, verifiers, assignments, findings with the
 * entity's corrections, statements and the append-only figures versions. Each call is one transaction; the finding
 * writes and the statement lock the verification row first, so a statement never passes a finding raised
 * meanwhile.
 */
public final class PgEmissionsStore implements EmissionsStore {
    private final DataSource ds;

    public PgEmissionsStore(DataSource ds) { this.ds = ds; }

    private <T> T tx(String what, Function<Connection, T> work) { return Sql.inTransaction(ds, what, work); }

    // ================================================================================== set-up by code (demo data, tests)

    /** Records a covered entity with its facilities and installations (every version), linked to a registry account. */
    public void defineEntity(CoveredEntity e, Long accountId) {
        tx("define entity", c -> {
            Sql.update(c, "INSERT INTO emission_entity (id, name, jurisdiction, account_id) VALUES (?, ?, ?, ?)", e.id().value(), e.name(),
                    e.jurisdiction().code(), accountId);
            for (Facility f : e.facilities()) {
                Sql.update(c, "INSERT INTO emission_facility (entity_id, id, name) VALUES (?, ?, ?)", e.id().value(), f.id().value(), f.name());
                for (Installation i : f.installations()) {
                    Sql.update(c, "INSERT INTO emission_installation (entity_id, id, facility_id, kind) VALUES (?, ?, ?, ?)", e.id().value(),
                            i.id().value(), f.id().value(), i.kind().name());
                    for (InstallationVersion v : i.versions()) insertVersion(c, e.id(), i.id(), v);
                }
            }
            return null;
        });
    }

    /** Appends a version to an installation (a retrofit, a closure); earlier versions stay. */
    public void addInstallationVersion(EntityId entity, InstallationId installation, InstallationVersion v) {
        tx("add installation version", c -> { insertVersion(c, entity, installation, v); return null; });
    }

    private static void insertVersion(Connection c, EntityId e, InstallationId i, InstallationVersion v) { insertVersion(c, e, i, v, null, null); }

    private static void insertVersion(Connection c, EntityId e, InstallationId i, InstallationVersion v, ActorId by, Instant at) {
        InstallationSpec s = v.spec();
        String category = null, pressure = null, cooling = null;
        Boolean heat = null;
        BigDecimal capacity;
        switch (s) {
            case InstallationSpec.GeneratingUnit g -> {
                category = g.category().name();
                pressure = g.pressure().name();
                cooling = g.cooling().name();
                heat = g.heatSupply();
                capacity = g.capacityMw();
            }
            case InstallationSpec.ClinkerLine l -> capacity = l.capacityTonnesPerDay();
            case InstallationSpec.AluminiumSmelter a -> capacity = a.capacityTonnesPerYear();
        }
        Sql.update(c, "INSERT INTO emission_installation_version (entity_id, installation_id, valid_from, reason, category, capacity, pressure, cooling, " +
                        "heat_supply, commissioned, closed, province, city, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.value(), i.value(), v.validFrom(), v.reason(), category, capacity, pressure, cooling, heat, s.commissioned(), s.closed(), s.province(), s.city(),
                by == null ? null : by.value(), at);
    }


    public void addVerifier(Verifier v) {
        tx("add verifier", c -> Sql.update(c, "INSERT INTO verifier (id, name, accredited_from, accredited_until, jurisdictions) VALUES (?, ?, ?, ?, ?)",
                v.id().value(), v.name(), v.accreditedFrom(), v.accreditedUntil(),
                v.jurisdictions().stream().map(Jurisdiction::code).sorted().collect(Collectors.joining(","))));
    }

    /** Makes a platform user (kind VERIFIER) a member of a verifier. */
    public void addVerifierMember(String login, VerifierId verifier) {
        tx("add verifier member", c -> Sql.update(c, "INSERT INTO verifier_member (login, verifier_id) VALUES (?, ?) " +
                "ON CONFLICT (login) DO UPDATE SET verifier_id = excluded.verifier_id", login, verifier.value()));
    }

    public void addConsultingLink(ConsultingLink l) {
        tx("add consulting link", c -> Sql.update(c, "INSERT INTO consulting_link (verifier_id, entity_id, from_year, to_year, nature) VALUES (?, ?, ?, ?, ?)",
                l.verifier().value(), l.entity().value(), l.fromYear(), l.toYear(), l.nature()));
    }

    // ================================================================================== the register

    @Override public boolean defineEntity(EntityView e, ActorId by, Instant at) {
        // ON CONFLICT without a target covers both the id and the account (account_id is UNIQUE)
        return tx("define entity", c -> Sql.update(c, "INSERT INTO emission_entity (id, name, jurisdiction, account_id, recorded_by, created_at) " +
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", e.id().value(), e.name(), e.jurisdiction().code(), e.accountId(), by.value(), at) == 1);
    }

    @Override public boolean addFacility(EntityId entity, FacilityId facility, String name, ActorId by, Instant at) {
        return tx("add facility", c -> Sql.update(c, "INSERT INTO emission_facility (entity_id, id, name, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?) " +
                "ON CONFLICT DO NOTHING", entity.value(), facility.value(), name, by.value(), at) == 1);
    }

    @Override public boolean addInstallation(EntityId entity, FacilityId facility, Installation installation, ActorId by, Instant at) {
        return tx("add installation", c -> {
            if (Sql.update(c, "INSERT INTO emission_installation (entity_id, id, facility_id, kind, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?) " +
                    "ON CONFLICT DO NOTHING", entity.value(), installation.id().value(), facility.value(), installation.kind().name(), by.value(), at) != 1)
                return false;
            for (InstallationVersion v : installation.versions()) insertVersion(c, entity, installation.id(), v, by, at);
            return true;
        });
    }

    @Override public boolean appendVersion(EntityId entity, InstallationId installation, InstallationVersion version, ActorId by, Instant at) {
        return tx("append installation version", c -> {
            // the lock orders concurrent appends to one installation: the second one sees the first one's version
            if (Sql.one(c, "SELECT 1 FROM emission_installation WHERE entity_id = ? AND id = ? FOR UPDATE", rs -> 1, entity.value(), installation.value()).isEmpty())
                return false;
            Optional<LocalDate> last = Sql.one(c, "SELECT max(valid_from) FROM emission_installation_version WHERE entity_id = ? AND installation_id = ?",
                    rs -> rs.getObject(1, LocalDate.class), entity.value(), installation.value()).filter(d -> d != null);
            if (last.isPresent() && !version.validFrom().isAfter(last.get())) return false;
            insertVersion(c, entity, installation, version, by, at);
            return true;
        });
    }

    private static Recorded recorded(ResultSet rs, String by, String at) throws SQLException {
        return new Recorded(actor(rs.getString(by)), Sql.instant(rs, at));
    }

    @Override public Optional<EntityRecords> records(EntityId entity) {
        return tx("read register records", c -> Sql.one(c, "SELECT recorded_by, created_at FROM emission_entity WHERE id = ?",
                rs -> recorded(rs, "recorded_by", "created_at"), entity.value()).map(e -> {
            Map<FacilityId, Recorded> facilities = new LinkedHashMap<>();
            Sql.list(c, "SELECT id, recorded_by, recorded_at FROM emission_facility WHERE entity_id = ?",
                    rs -> facilities.put(FacilityId.of(rs.getString("id")), recorded(rs, "recorded_by", "recorded_at")), entity.value());
            Map<InstallationId, Recorded> installations = new LinkedHashMap<>();
            Sql.list(c, "SELECT id, recorded_by, recorded_at FROM emission_installation WHERE entity_id = ?",
                    rs -> installations.put(InstallationId.of(rs.getString("id")), recorded(rs, "recorded_by", "recorded_at")), entity.value());
            Map<InstallationId, Map<LocalDate, Recorded>> versions = new LinkedHashMap<>();
            Sql.list(c, "SELECT installation_id, valid_from, recorded_by, recorded_at FROM emission_installation_version WHERE entity_id = ?",
                    rs -> versions.computeIfAbsent(InstallationId.of(rs.getString("installation_id")), k -> new LinkedHashMap<>())
                            .put(rs.getObject("valid_from", LocalDate.class), recorded(rs, "recorded_by", "recorded_at")), entity.value());
            return new EntityRecords(e, facilities, installations, versions);
        }));
    }

    @Override public boolean addVerifier(Verifier v, ActorId by, Instant at) {
        return tx("add verifier", c -> Sql.update(c, "INSERT INTO verifier (id, name, accredited_from, accredited_until, jurisdictions, recorded_by, recorded_at) " +
                        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", v.id().value(), v.name(), v.accreditedFrom(), v.accreditedUntil(),
                v.jurisdictions().stream().map(Jurisdiction::code).sorted().collect(Collectors.joining(",")), by.value(), at) == 1);
    }

    private static final String VERIFIER_COLUMNS = "id, name, accredited_from, accredited_until, jurisdictions, recorded_by, recorded_at";

    private static Verifier verifierRow(ResultSet rs) throws SQLException {
        return new Verifier(VerifierId.of(rs.getString("id")), rs.getString("name"), rs.getObject("accredited_from", LocalDate.class),
                rs.getObject("accredited_until", LocalDate.class),
                Arrays.stream(rs.getString("jurisdictions").split(",")).filter(x -> !x.isBlank()).map(Jurisdiction::of).collect(Collectors.toSet()));
    }

    @Override public List<VerifierView> verifiers() {
        return tx("list verifiers", c -> Sql.list(c, "SELECT " + VERIFIER_COLUMNS + " FROM verifier ORDER BY id",
                rs -> new VerifierView(verifierRow(rs), recorded(rs, "recorded_by", "recorded_at"))));
    }

    @Override public long addConsultingLink(ConsultingLink l, ActorId by, Instant at) {
        return tx("add consulting link", c -> Sql.longValue(c, "INSERT INTO consulting_link (verifier_id, entity_id, from_year, to_year, nature, recorded_by, " +
                        "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", l.verifier().value(), l.entity().value(), l.fromYear(), l.toYear(), l.nature(),
                by.value(), at));
    }

    @Override public List<ConsultingLinkView> consultingLinkViews() {
        return tx("list consulting links", c -> Sql.list(c, "SELECT id, verifier_id, entity_id, from_year, to_year, nature, recorded_by, recorded_at " +
                        "FROM consulting_link ORDER BY id",
                rs -> new ConsultingLinkView(rs.getLong("id"), new ConsultingLink(VerifierId.of(rs.getString("verifier_id")), EntityId.of(rs.getString("entity_id")),
                        rs.getInt("from_year"), rs.getInt("to_year"), rs.getString("nature")), recorded(rs, "recorded_by", "recorded_at"))));
    }

    // ================================================================================== entities and verifiers

    @Override public Optional<CoveredEntity> entity(EntityId id) {
        return tx("read entity", c -> entityView(c, id).map(v -> {
            Map<String, String> facilityNames = new LinkedHashMap<>();
            for (String[] f : Sql.list(c, "SELECT id, name FROM emission_facility WHERE entity_id = ? ORDER BY id",
                    rs -> new String[]{rs.getString(1), rs.getString(2)}, id.value()))
                facilityNames.put(f[0], f[1]);
            record Inst(String id, String facility, InstallationKind kind) {}
            List<Inst> installations = Sql.list(c, "SELECT id, facility_id, kind FROM emission_installation WHERE entity_id = ? ORDER BY id",
                    rs -> new Inst(rs.getString(1), rs.getString(2), InstallationKind.valueOf(rs.getString(3))), id.value());
            Map<String, List<InstallationVersion>> versions = new LinkedHashMap<>();
            Map<String, InstallationKind> kinds = installations.stream().collect(Collectors.toMap(Inst::id, Inst::kind));
            Sql.list(c, "SELECT installation_id, valid_from, reason, category, capacity, pressure, cooling, heat_supply, commissioned, closed, province, city " +
                    "FROM emission_installation_version WHERE entity_id = ? ORDER BY installation_id, valid_from", rs -> {
                String inst = rs.getString(1);
                versions.computeIfAbsent(inst, k -> new ArrayList<>()).add(new InstallationVersion(rs.getObject(2, LocalDate.class), spec(kinds.get(inst), rs),
                        rs.getString(3)));
                return null;
            }, id.value());
            List<Facility> facilities = new ArrayList<>();
            for (Map.Entry<String, String> f : facilityNames.entrySet())
                facilities.add(new Facility(FacilityId.of(f.getKey()), f.getValue(), installations.stream().filter(i -> i.facility().equals(f.getKey()))
                        .map(i -> new Installation(InstallationId.of(i.id()), i.kind(), versions.getOrDefault(i.id(), List.of()))).toList()));
            return new CoveredEntity(v.id(), v.name(), v.jurisdiction(), facilities);
        }));
    }

    private static InstallationSpec spec(InstallationKind kind, ResultSet rs) throws SQLException {
        BigDecimal capacity = rs.getBigDecimal("capacity");
        LocalDate commissioned = rs.getObject("commissioned", LocalDate.class), closed = rs.getObject("closed", LocalDate.class);
        String province = rs.getString("province"), city = rs.getString("city");
        return switch (kind) {
            case GENERATING_UNIT -> new InstallationSpec.GeneratingUnit(UnitCategory.valueOf(rs.getString("category")), capacity,
                    PressureClass.valueOf(rs.getString("pressure")), Cooling.valueOf(rs.getString("cooling")), rs.getBoolean("heat_supply"), commissioned,
                    closed, province, city);
            case CLINKER_LINE -> new InstallationSpec.ClinkerLine(capacity, commissioned, closed, province, city);
            case ALUMINIUM_SMELTER -> new InstallationSpec.AluminiumSmelter(capacity, commissioned, closed, province, city);
        };
    }

    private static final String ENTITY_COLUMNS = "id, name, jurisdiction, account_id";

    private static EntityView entityRow(ResultSet rs) throws SQLException {
        long account = rs.getLong(4);
        return new EntityView(EntityId.of(rs.getString(1)), rs.getString(2), Jurisdiction.of(rs.getString(3)), rs.wasNull() ? null : account);
    }

    private static Optional<EntityView> entityView(Connection c, EntityId id) {
        return Sql.one(c, "SELECT " + ENTITY_COLUMNS + " FROM emission_entity WHERE id = ?", PgEmissionsStore::entityRow, id.value());
    }

    @Override public Optional<EntityView> entityView(EntityId id) { return tx("read entity", c -> entityView(c, id)); }

    @Override public List<EntityView> entities() {
        return tx("list entities", c -> Sql.list(c, "SELECT " + ENTITY_COLUMNS + " FROM emission_entity ORDER BY id", PgEmissionsStore::entityRow));
    }

    @Override public Optional<Verifier> verifier(VerifierId id) {
        return tx("read verifier", c -> Sql.one(c, "SELECT id, name, accredited_from, accredited_until, jurisdictions FROM verifier WHERE id = ?",
                rs -> new Verifier(VerifierId.of(rs.getString(1)), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
                        Arrays.stream(rs.getString(5).split(",")).filter(s -> !s.isBlank()).map(Jurisdiction::of).collect(Collectors.toSet())),
                id.value()));
    }

    @Override public Optional<VerifierId> verifierOf(ActorId user) {
        return tx("read verifier member", c -> Sql.one(c, "SELECT verifier_id FROM verifier_member WHERE login = ?",
                rs -> VerifierId.of(rs.getString(1)), user.value()));
    }

    @Override public List<ConsultingLink> consultingLinks() {
        return tx("list consulting links", c -> Sql.list(c, "SELECT verifier_id, entity_id, from_year, to_year, nature FROM consulting_link ORDER BY id",
                rs -> new ConsultingLink(VerifierId.of(rs.getString(1)), EntityId.of(rs.getString(2)), rs.getInt(3), rs.getInt(4), rs.getString(5))));
    }

    // ================================================================================== reports

    @Override public long saveDraft(AnnualReport r, List<NewAttachment> attachments, Figures f, ActorId by, Instant at) {
        return tx("save report", c -> {
            Sql.update(c, "DELETE FROM emission_report WHERE entity_id = ? AND year = ? AND status = 'DRAFT'", r.entity().value(), r.year());
            long id = Sql.longValue(c, "INSERT INTO emission_report (entity_id, jurisdiction, year, status, saved_by, saved_at, ruleset, fuel_tonnes, " +
                            "electricity_tonnes, process_tonnes, exact_tonnes, total_tonnes, unconfirmed, substitutions, trace) " +
                            "VALUES (?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    r.entity().value(), r.jurisdiction().code(), r.year(), by.value(), at, f.ruleset(), f.fuelTonnes(), f.electricityTonnes(), f.processTonnes(),
                    f.exactTonnes(), f.totalTonnes(), f.restsOnUnconfirmedValues(), String.join("\n", f.substitutions()), String.join("\n", f.trace()));
            for (FuelUse u : r.fuels())
                Sql.update(c, "INSERT INTO emission_report_fuel (report_id, unit, month, fuel, quantity, ncv, carbon_content, carbon_ar_percent, oxidation_rate) " +
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, u.unit().value(), u.month(), u.fuel().code(), u.quantity(), u.ncv(), u.carbonContent(),
                        u.carbonArPercent(), u.oxidationRate());
            for (UnitActivity a : r.activity())
                Sql.update(c, "INSERT INTO emission_report_activity (report_id, unit, month, generation_mwh, supply_mwh, heat_supplied_gj, " +
                                "purchased_electricity_mwh) VALUES (?, ?, ?, ?, ?, ?, ?)", id, a.unit().value(), a.month(), a.generationMwh(), a.supplyMwh(),
                        a.heatSuppliedGj(), a.purchasedElectricityMwh());
            for (ProductOutput o : r.outputs())
                Sql.update(c, "INSERT INTO emission_report_output (report_id, installation, month, product, tonnes) VALUES (?, ?, ?, ?, ?)",
                        id, o.installation().value(), o.month(), o.product().name(), o.tonnes());
            for (NewAttachment n : attachments) {
                Attachment a = Attachment.of(n.fileName(), n.mediaType(), n.content());
                Sql.update(c, "INSERT INTO evidence_blob (sha256, size, content) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING", a.sha256(), a.size(), n.content());
                Sql.update(c, "INSERT INTO emission_report_attachment (report_id, sha256, file_name, media_type, size) VALUES (?, ?, ?, ?, ?) " +
                        "ON CONFLICT DO NOTHING", id, a.sha256(), a.fileName(), a.mediaType(), a.size());
            }
            return id;
        });
    }

    @Override public boolean seal(long reportId, Seal seal, String correctionReason, ActorId by, Instant at) {
        return tx("seal report", c -> {
            Optional<String[]> key = Sql.one(c, "SELECT entity_id, year::text FROM emission_report WHERE id = ? AND status = 'DRAFT' FOR UPDATE",
                    rs -> new String[]{rs.getString(1), rs.getString(2)}, reportId);
            if (key.isEmpty()) return false;
            Sql.update(c, "UPDATE emission_report SET status = 'SUPERSEDED' WHERE entity_id = ? AND year = ? AND status = 'SUBMITTED'",
                    key.get()[0], Integer.parseInt(key.get()[1]));
            return Sql.update(c, "UPDATE emission_report SET status = 'SUBMITTED', submitted_by = ?, submitted_at = ?, seal_encoding = ?, seal_sha256 = ?, " +
                    "correction_reason = ? WHERE id = ? AND status = 'DRAFT'", by.value(), at, seal.encoding(), seal.sha256(), correctionReason, reportId) == 1;
        });
    }

    private static final String REPORT_COLUMNS = "r.id, r.entity_id, r.jurisdiction, e.jurisdiction AS entity_jurisdiction, r.year, r.status, r.saved_by, " +
            "r.saved_at, r.submitted_by, r.submitted_at, r.seal_encoding, r.seal_sha256, r.ruleset, r.fuel_tonnes, r.electricity_tonnes, r.process_tonnes, " +
            "r.exact_tonnes, r.total_tonnes, r.unconfirmed, r.substitutions, r.trace, r.correction_reason";

    @Override public Optional<ReportView> report(long id) {
        return tx("read report", c -> Sql.one(c, "SELECT id FROM emission_report WHERE id = ?", rs -> rs.getLong(1), id)
                .map(x -> readReport(c, "r.id = ?", id)));
    }

    @Override public Optional<ReportView> currentSubmission(EntityId entity, int year) {
        return tx("read report", c -> Sql.one(c, "SELECT id FROM emission_report WHERE entity_id = ? AND year = ? AND status = 'SUBMITTED'",
                rs -> rs.getLong(1), entity.value(), year).map(id -> readReport(c, "r.id = ?", id)));
    }

    /**
     * A stored value turned into a domain value; when the stored value no longer makes one (changed behind the
     * platform's back: a negative quantity, a lower-case fuel code), the row is named in {@code unreadable} and
     * {@code fallback} stands in. Reading a report never fails on its content: the seal check judges it.
     */
    @FunctionalInterface
    private interface Reading<T> {
        T read() throws SQLException;
    }

    private static <T> T tolerant(List<String> unreadable, String what, Reading<T> reading, T fallback) throws SQLException {
        try {
            return reading.read();
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
            unreadable.add(what + ": " + e.getMessage());
            return fallback;
        }
    }

    private static final ActorId UNREADABLE_ACTOR = ActorId.of("(unreadable)");

    private static ReportView readReport(Connection c, String where, Object... args) {
        List<String> unreadable = new ArrayList<>();
        record Head(long id, EntityId entity, Jurisdiction j, int year, ReportStatus status, ActorId savedBy, Instant savedAt, ActorId submittedBy,
                    Instant submittedAt, Seal seal, Figures figures, String correctionReason) {}
        // the columns the database constrains (id, entity, year, status, the seal's hex) always read; the others are read tolerantly
        Head h = Sql.one(c, "SELECT " + REPORT_COLUMNS + " FROM emission_report r JOIN emission_entity e ON e.id = r.entity_id WHERE " + where, rs -> {
            long id = rs.getLong("id");
            String head = "emission_report " + id;
            Jurisdiction entityJurisdiction = Jurisdiction.of(rs.getString("entity_jurisdiction"));
            String j = rs.getString("jurisdiction"), savedBy = rs.getString("saved_by"), submittedBy = rs.getString("submitted_by");
            String encoding = rs.getString("seal_encoding"), sha = rs.getString("seal_sha256");
            return new Head(id, EntityId.of(rs.getString("entity_id")),
                    tolerant(unreadable, head + " jurisdiction '" + j + "'", () -> Jurisdiction.of(j), entityJurisdiction), rs.getInt("year"),
                    ReportStatus.valueOf(rs.getString("status")), tolerant(unreadable, head + " saved_by", () -> ActorId.of(savedBy), UNREADABLE_ACTOR),
                    Sql.instant(rs, "saved_at"),
                    submittedBy == null ? null : tolerant(unreadable, head + " submitted_by", () -> ActorId.of(submittedBy), UNREADABLE_ACTOR),
                    Sql.instant(rs, "submitted_at"),
                    sha == null ? null : new Seal(encoding == null ? "" : encoding, sha),
                    new Figures(rs.getString("ruleset"), rs.getBigDecimal("fuel_tonnes"), rs.getBigDecimal("electricity_tonnes"), rs.getBigDecimal("process_tonnes"),
                            rs.getBigDecimal("exact_tonnes"), rs.getLong("total_tonnes"), rs.getBoolean("unconfirmed"), lines(rs.getString("substitutions")),
                            lines(rs.getString("trace"))), rs.getString("correction_reason"));
        }, args).orElseThrow();
        List<FuelUse> fuels = Sql.list(c, "SELECT unit, month, fuel, quantity, ncv, carbon_content, carbon_ar_percent, oxidation_rate FROM emission_report_fuel " +
                        "WHERE report_id = ? ORDER BY unit, month, fuel",
                rs -> tolerant(unreadable, "emission_report_fuel " + rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getString(3),
                        () -> new FuelUse(InstallationId.of(rs.getString(1)), rs.getInt(2), FuelType.of(rs.getString(3)), rs.getBigDecimal(4), rs.getBigDecimal(5),
                                rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8)), null), h.id());
        List<UnitActivity> activity = Sql.list(c, "SELECT unit, month, generation_mwh, supply_mwh, heat_supplied_gj, purchased_electricity_mwh " +
                        "FROM emission_report_activity WHERE report_id = ? ORDER BY unit, month",
                rs -> tolerant(unreadable, "emission_report_activity " + rs.getString(1) + "/" + rs.getInt(2),
                        () -> new UnitActivity(InstallationId.of(rs.getString(1)), rs.getInt(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                                rs.getBigDecimal(6)), null), h.id());
        List<ProductOutput> outputs = Sql.list(c, "SELECT installation, month, product, tonnes FROM emission_report_output WHERE report_id = ? " +
                        "ORDER BY installation, month, product",
                rs -> tolerant(unreadable, "emission_report_output " + rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getString(3),
                        () -> new ProductOutput(InstallationId.of(rs.getString(1)), rs.getInt(2), Product.valueOf(rs.getString(3)), rs.getBigDecimal(4)), null),
                h.id());
        List<Attachment> attachments = Sql.list(c, "SELECT sha256, file_name, media_type, size FROM emission_report_attachment WHERE report_id = ? " +
                "ORDER BY sha256, file_name", rs -> tolerant(unreadable, "emission_report_attachment " + rs.getString(1) + " '" + rs.getString(2) + "'",
                () -> new Attachment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)), null), h.id());
        AnnualReport report = new AnnualReport(h.entity(), h.j(), h.year(), present(fuels), present(activity), present(outputs));
        return new ReportView(h.id(), h.entity(), h.j(), h.year(), h.status(), report, present(attachments), h.figures(), h.savedBy(), h.savedAt(),
                h.submittedBy(), h.submittedAt(), h.seal(), h.correctionReason(), unreadable);
    }

    private static <T> List<T> present(List<T> rows) { return rows.stream().filter(java.util.Objects::nonNull).toList(); }

    private static List<String> lines(String text) { return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1)); }

    @Override public List<ReportSummary> reports(List<EntityId> entities, Integer year, int limit) {
        if (entities != null && entities.isEmpty()) return List.of();
        String[] ids = entities == null ? null : entities.stream().map(EntityId::value).toArray(String[]::new);
        return tx("list reports", c -> {
            try {
                java.sql.Array array = ids == null ? null : c.createArrayOf("text", ids);
                // the entity's jurisdiction, not the report row's: a list never fails on a row changed behind the platform's back
                return Sql.list(c, "SELECT r.id, r.entity_id, e.jurisdiction, r.year, r.status, r.total_tonnes, r.saved_at, r.submitted_at, r.seal_sha256 " +
                                "FROM emission_report r JOIN emission_entity e ON e.id = r.entity_id " +
                                "WHERE (?::text[] IS NULL OR r.entity_id = ANY(?::text[])) AND (?::int IS NULL OR r.year = ?) ORDER BY r.id DESC LIMIT ?",
                        rs -> new ReportSummary(rs.getLong(1), EntityId.of(rs.getString(2)), Jurisdiction.of(rs.getString(3)), rs.getInt(4),
                                ReportStatus.valueOf(rs.getString(5)), rs.getLong(6), Sql.instant(rs, "saved_at"), Sql.instant(rs, "submitted_at"),
                                rs.getString(9)), array, array, year, year, limit);
            } catch (SQLException e) {
                throw new Sql.Failure("list reports", e);
            }
        });
    }

    @Override public Optional<byte[]> attachmentContent(String sha256) {
        return tx("read attachment", c -> Sql.one(c, "SELECT content FROM evidence_blob WHERE sha256 = ?", rs -> rs.getBytes(1), sha256));
    }

    @Override public Optional<StoredDigest> attachmentDigest(String sha256) {
        return tx("digest attachment", c -> Sql.one(c, "SELECT encode(sha256(content), 'hex'), length(content) FROM evidence_blob WHERE sha256 = ?",
                rs -> new StoredDigest(rs.getString(1), rs.getLong(2)), sha256));
    }

    @Override public List<Long> sealedReportIds(Collection<Jurisdiction> jurisdictions) {
        if (jurisdictions != null && jurisdictions.isEmpty()) return List.of();
        String[] codes = jurisdictions == null ? null : jurisdictions.stream().map(Jurisdiction::code).toArray(String[]::new);
        return tx("list sealed reports", c -> {
            try {
                java.sql.Array array = codes == null ? null : c.createArrayOf("text", codes);
                return Sql.list(c, "SELECT r.id FROM emission_report r JOIN emission_entity e ON e.id = r.entity_id " +
                        "WHERE r.status <> 'DRAFT' AND (?::text[] IS NULL OR e.jurisdiction = ANY(?::text[])) ORDER BY r.id", rs -> rs.getLong(1), array, array);
            } catch (SQLException e) {
                throw new Sql.Failure("list sealed reports", e);
            }
        });
    }

    // ================================================================================== verification

    @Override public List<Assignment> assignments() {
        return tx("list assignments", c -> Sql.list(c, "SELECT verifier_id, entity_id, year FROM verification ORDER BY entity_id, year",
                rs -> new Assignment(VerifierId.of(rs.getString(1)), EntityId.of(rs.getString(2)), rs.getInt(3))));
    }

    @Override public boolean assign(Assignment a, ActorId by, Instant at) {
        return tx("assign verifier", c -> {
            String j = Sql.one(c, "SELECT jurisdiction FROM emission_entity WHERE id = ?", rs -> rs.getString(1), a.entity().value()).orElseThrow();
            return Sql.update(c, "INSERT INTO verification (entity_id, year, jurisdiction, verifier_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?, ?) " +
                    "ON CONFLICT (entity_id, year) DO NOTHING", a.entity().value(), a.year(), j, a.verifier().value(), by.value(), at) == 1;
        });
    }

    private static final String VERIFICATION_COLUMNS = "entity_id, jurisdiction, year, verifier_id, assigned_by, assigned_at, opinion, stated_emissions, " +
            "stated_outputs, remarks, report_id, report_seal, issued_by, issued_at, approved_by, approved_at";

    private static List<VerificationView> verifications(Connection c, String where, Object... args) {
        List<VerificationView> heads = Sql.list(c, "SELECT " + VERIFICATION_COLUMNS + " FROM verification WHERE " + where, rs -> {
            long stated = rs.getLong("stated_emissions");
            BigDecimal emissions = rs.wasNull() ? null : BigDecimal.valueOf(stated);
            long report = rs.getLong("report_id");
            Long reportId = rs.wasNull() ? null : report;
            return new VerificationView(EntityId.of(rs.getString("entity_id")), Jurisdiction.of(rs.getString("jurisdiction")), rs.getInt("year"),
                    VerifierId.of(rs.getString("verifier_id")), ActorId.of(rs.getString("assigned_by")), Sql.instant(rs, "assigned_at"),
                    rs.getString("opinion") == null ? null : Opinion.valueOf(rs.getString("opinion")), emissions, outputs(rs.getString("stated_outputs")),
                    rs.getString("remarks"), reportId, rs.getString("report_seal"), actor(rs.getString("issued_by")), Sql.instant(rs, "issued_at"),
                    actor(rs.getString("approved_by")), Sql.instant(rs, "approved_at"), List.of(), List.of());
        }, args);
        List<VerificationView> out = new ArrayList<>();
        for (VerificationView v : heads) {
            List<FiguresVersionView> versions = Sql.list(c, "SELECT version, emissions, outputs, reason, recorded_by, recorded_at FROM verified_figures_version " +
                            "WHERE entity_id = ? AND year = ? ORDER BY version",
                    rs -> new FiguresVersionView(rs.getInt(1), rs.getLong(2), outputs(rs.getString(3)), rs.getString(4), ActorId.of(rs.getString(5)),
                            Sql.instant(rs, "recorded_at")), v.entity().value(), v.year());
            out.add(new VerificationView(v.entity(), v.jurisdiction(), v.year(), v.verifier(), v.assignedBy(), v.assignedAt(), v.opinion(), v.statedEmissions(),
                    v.statedOutputs(), v.remarks(), v.reportId(), v.reportSeal(), v.issuedBy(), v.issuedAt(), v.approvedBy(), v.approvedAt(), versions,
                    findings(c, v.entity(), v.year())));
        }
        return out;
    }

    private static List<FindingView> findings(Connection c, EntityId entity, int year) {
        record Answer(int number, CorrectionView correction) {}
        List<Answer> answers = Sql.list(c, "SELECT number, seq, description, report_id, report_seal, answered_by, answered_at " +
                "FROM verification_finding_correction WHERE entity_id = ? AND year = ? ORDER BY number, seq", rs -> {
            long report = rs.getLong(4);
            return new Answer(rs.getInt(1), new CorrectionView(rs.getInt(2), rs.getString(3), rs.wasNull() ? null : report, rs.getString(5),
                    ActorId.of(rs.getString(6)), Sql.instant(rs, "answered_at")));
        }, entity.value(), year);
        return Sql.list(c, "SELECT number, text, raised_by, raised_at, closing_note, closed_by, closed_at FROM verification_finding " +
                        "WHERE entity_id = ? AND year = ? ORDER BY number",
                rs -> {
                    int number = rs.getInt(1);
                    return new FindingView(number, rs.getString(2), ActorId.of(rs.getString(3)), Sql.instant(rs, "raised_at"),
                            answers.stream().filter(a -> a.number() == number).map(Answer::correction).toList(), rs.getString(5), actor(rs.getString(6)),
                            Sql.instant(rs, "closed_at"));
                }, entity.value(), year);
    }

    private static ActorId actor(String s) { return s == null ? null : ActorId.of(s); }

    static String outputs(Map<OutputMetric, BigDecimal> m) {
        return m.entrySet().stream().map(e -> e.getKey().name() + "=" + e.getValue().toPlainString()).collect(Collectors.joining("\n"));
    }

    static Map<OutputMetric, BigDecimal> outputs(String text) {
        Map<OutputMetric, BigDecimal> m = new EnumMap<>(OutputMetric.class);
        if (text != null)
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) m.put(OutputMetric.valueOf(line.substring(0, eq)), new BigDecimal(line.substring(eq + 1)));
            }
        return m;
    }

    @Override public Optional<VerificationView> verification(EntityId entity, int year) {
        return tx("read verification", c -> verifications(c, "entity_id = ? AND year = ?", entity.value(), year).stream().findFirst());
    }

    @Override public List<VerificationView> verifications(VerifierId verifier, List<EntityId> entities, int limit) {
        if (entities != null && entities.isEmpty()) return List.of();
        return tx("list verifications", c -> {
            try {
                java.sql.Array array = entities == null ? null : c.createArrayOf("text", entities.stream().map(EntityId::value).toArray());
                String v = verifier == null ? null : verifier.value();
                return verifications(c, "(?::text IS NULL OR verifier_id = ?) AND (?::text[] IS NULL OR entity_id = ANY(?::text[])) " +
                        "ORDER BY assigned_at DESC, entity_id LIMIT ?", v, v, array, array, limit);
            } catch (SQLException e) {
                throw new Sql.Failure("list verifications", e);
            }
        });
    }

    /** Locks the verification row of an entity-year that has no statement yet: every finding write takes this lock first. */
    private static boolean lockUnstated(Connection c, EntityId entity, int year) {
        return Sql.one(c, "SELECT 1 FROM verification WHERE entity_id = ? AND year = ? AND opinion IS NULL FOR UPDATE", rs -> 1, entity.value(), year)
                .isPresent();
    }

    @Override public boolean recordStatement(EntityId entity, int year, Statement s, long reportId, String reportSeal) {
        return tx("record statement", c -> {
            if (!lockUnstated(c, entity, year)) return false;
            // a finding raised, or left unclosed, meanwhile: only a NOT_QUALIFIED statement may leave findings unclosed
            if (s.opinion() != Opinion.NOT_QUALIFIED && Sql.longValue(c, "SELECT count(*) FROM verification_finding WHERE entity_id = ? AND year = ? " +
                    "AND closed_by IS NULL", entity.value(), year) > 0) return false;
            return Sql.update(c, "UPDATE verification SET opinion = ?, stated_emissions = ?, stated_outputs = ?, remarks = ?, " +
                            "report_id = ?, report_seal = ?, issued_by = ?, issued_at = ? WHERE entity_id = ? AND year = ? AND opinion IS NULL",
                    s.opinion().name(), s.figures().emissions().tonnes(), outputs(s.figures().outputs()), s.remarks(), reportId, reportSeal,
                    s.issuedBy().value(), s.issuedAt(), entity.value(), year) == 1;
        });
    }

    @Override public boolean raiseFinding(EntityId entity, int year, Finding f) {
        return tx("raise finding", c -> {
            if (!lockUnstated(c, entity, year)) return false;
            long next = Sql.longValue(c, "SELECT coalesce(max(number), 0) + 1 FROM verification_finding WHERE entity_id = ? AND year = ?", entity.value(), year);
            if (next != f.number()) return false;
            Sql.update(c, "INSERT INTO verification_finding (entity_id, year, number, text, raised_by, raised_at) VALUES (?, ?, ?, ?, ?, ?)",
                    entity.value(), year, f.number(), f.text(), f.raisedBy().value(), f.raisedAt());
            return true;
        });
    }

    @Override public boolean addCorrection(EntityId entity, int year, int finding, Finding.Correction a, Long reportId) {
        return tx("answer finding", c -> {
            if (!lockUnstated(c, entity, year)) return false;
            if (Sql.one(c, "SELECT 1 FROM verification_finding WHERE entity_id = ? AND year = ? AND number = ? AND closed_by IS NULL",
                    rs -> 1, entity.value(), year, finding).isEmpty()) return false;
            long seq = Sql.longValue(c, "SELECT coalesce(max(seq), 0) + 1 FROM verification_finding_correction WHERE entity_id = ? AND year = ? AND number = ?",
                    entity.value(), year, finding);
            Sql.update(c, "INSERT INTO verification_finding_correction (entity_id, year, number, seq, description, report_id, report_seal, answered_by, " +
                            "answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", entity.value(), year, finding, (int) seq, a.description(), reportId,
                    a.correctedReportSeal(), a.by().value(), a.at());
            return true;
        });
    }

    @Override public boolean closeFinding(EntityId entity, int year, int finding, Finding.Closure closure) {
        return tx("close finding", c -> {
            if (!lockUnstated(c, entity, year)) return false;
            return Sql.update(c, "UPDATE verification_finding f SET closing_note = ?, closed_by = ?, closed_at = ? WHERE entity_id = ? AND year = ? " +
                            "AND number = ? AND closed_by IS NULL AND EXISTS (SELECT 1 FROM verification_finding_correction a " +
                            "WHERE a.entity_id = f.entity_id AND a.year = f.year AND a.number = f.number)",
                    closure.note(), closure.by().value(), closure.at(), entity.value(), year, finding) == 1;
        });
    }

    @Override public boolean approve(EntityId entity, int year, FiguresVersion first) {
        return tx("approve verification", c -> {
            if (Sql.update(c, "UPDATE verification SET approved_by = ?, approved_at = ? WHERE entity_id = ? AND year = ? AND opinion IS NOT NULL " +
                    "AND approved_by IS NULL", first.by().value(), first.at(), entity.value(), year) != 1) return false;
            insertVersion(c, entity, year, first);
            return true;
        });
    }

    @Override public void appendFiguresVersion(EntityId entity, int year, FiguresVersion v) {
        tx("append figures version", c -> { insertVersion(c, entity, year, v); return null; });
    }

    private static void insertVersion(Connection c, EntityId entity, int year, FiguresVersion v) {
        Sql.update(c, "INSERT INTO verified_figures_version (entity_id, year, version, emissions, outputs, reason, recorded_by, recorded_at) " +
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entity.value(), year, v.version(), v.figures().emissions().tonnes(), outputs(v.figures().outputs()),
                v.reason(), v.by().value(), v.at());
    }
}
