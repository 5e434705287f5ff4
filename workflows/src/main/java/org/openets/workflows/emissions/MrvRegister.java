package org.openets.workflows.emissions;

import org.openets.emissions.CoveredEntity;
import org.openets.emissions.EntityId;
import org.openets.emissions.Facility;
import org.openets.emissions.FacilityId;
import org.openets.emissions.Installation;
import org.openets.emissions.InstallationId;
import org.openets.emissions.InstallationSpec;
import org.openets.emissions.InstallationVersion;
import org.openets.emissions.verification.ConsultingLink;
import org.openets.emissions.verification.Verifier;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Account;
import org.openets.registry.AccountStatus;
import org.openets.registry.AccountType;
import org.openets.workflows.emissions.EmissionsViews.ConsultingLinkView;
import org.openets.workflows.emissions.EmissionsViews.EntityView;
import org.openets.workflows.emissions.EmissionsViews.Registered;
import org.openets.workflows.emissions.EmissionsViews.VerifierView;
import org.openets.workflows.emissions.spi.EmissionsStore;
import org.openets.workflows.registry.spi.RegistryReadModel;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The register (名录) a regulator keeps for MRV: covered entities (重点排放单位), each linked to a covered-entity
 * holding account of its own jurisdiction in the registry; their facilities; their installations (generating units,
 * clinker lines, smelters), whose specifications are versions with validity periods; the accredited verifier
 * organisations (核查机构) and their consulting links to entities, which the independence rule reads.
 *
 * <p>Nothing here is edited. An installation changes by a new version that starts after its last one and says why
 * ({@code VERSION_NOT_AFTER_LAST} otherwise), so a year's report keeps reading the version valid then. Ids are the
 * caller's, so a retry is safe: the same thing sent again answers what is recorded with {@code created} false, while
 * the same id with different content is refused ({@code ENTITY_EXISTS}, {@code FACILITY_EXISTS},
 * {@code INSTALLATION_EXISTS}, {@code VERIFIER_EXISTS}).
 *
 * <p>Who may is the caller's check (the web layer knows the signed-in regulator); this class checks the register's
 * state. The checks of each command run in the order its Javadoc lists; the first failing one answers.
 */
public final class MrvRegister {
    private final EmissionsStore store;
    private final RegistryReadModel registry;
    private final Clock clock;

    public MrvRegister(EmissionsStore store, RegistryReadModel registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    public EmissionsStore store() { return store; }

    /** The registry account an entity is linked to, if any (and the registry still has it). */
    public Optional<Account> account(EntityView e) { return e.accountId() == null ? Optional.empty() : registry.account(e.accountId()); }

    /**
     * The covered-entity holding accounts of the jurisdiction that are open for a link: not closed and not linked to an
     * entity yet, by number.
     */
    public List<Account> linkableAccounts(Jurisdiction j) {
        java.util.Set<Long> linked = new java.util.HashSet<>();
        for (EntityView e : store.entities()) if (e.accountId() != null) linked.add(e.accountId());
        return registry.accounts().stream().filter(a -> a.jurisdiction().equals(j) && a.type() == AccountType.COVERED_ENTITY_HOLDING
                && a.status() != AccountStatus.CLOSED && !linked.contains(a.id())).sorted(java.util.Comparator.comparing(Account::number)).toList();
    }

    // ---------------------------------------------------------------------------------------------- entities

    /**
     * Defines a covered entity linked to a registry account, with no facilities yet. Checks: {@code UNKNOWN_ACCOUNT}
     * (no account of that number), {@code NOT_A_COVERED_ENTITY_ACCOUNT} (not a COVERED_ENTITY_HOLDING account),
     * {@code ACCOUNT_OF_ANOTHER_JURISDICTION}, {@code ACCOUNT_CLOSED}, {@code ENTITY_EXISTS} (the id is taken by a
     * different entity; the same one again is a retry), {@code ACCOUNT_ALREADY_LINKED} (to another entity).
     */
    public EmissionsResult<Registered<EntityView>> defineEntity(EntityId id, String name, Jurisdiction jurisdiction, String accountNumber, ActorId by) {
        Optional<Account> found = registry.accountByNumber(accountNumber);
        if (found.isEmpty()) return EmissionsResult.refused("UNKNOWN_ACCOUNT", "no registry account " + accountNumber);
        Account a = found.get();
        if (a.type() != AccountType.COVERED_ENTITY_HOLDING)
            return EmissionsResult.refused("NOT_A_COVERED_ENTITY_ACCOUNT", a.number() + " is a " + a.type() + " account, not a COVERED_ENTITY_HOLDING account");
        if (!a.jurisdiction().equals(jurisdiction))
            return EmissionsResult.refused("ACCOUNT_OF_ANOTHER_JURISDICTION", a.number() + " is an account of " + a.jurisdiction() + ", not of " + jurisdiction);
        if (a.status() == AccountStatus.CLOSED) return EmissionsResult.refused("ACCOUNT_CLOSED", a.number() + " is closed");
        EntityView wanted = new EntityView(id, name, jurisdiction, a.id());
        Optional<EmissionsResult<Registered<EntityView>>> known = knownEntity(wanted);
        if (known.isPresent()) return known.get();
        if (store.defineEntity(wanted, by, clock.instant())) return new EmissionsResult.Done<>(new Registered<>(store.entityView(id).orElseThrow(), true));
        // recorded meanwhile, by a retry or by someone else
        return knownEntity(wanted).orElseThrow(() -> new IllegalStateException("entity " + id + " neither recorded nor in conflict"));
    }

    private Optional<EmissionsResult<Registered<EntityView>>> knownEntity(EntityView wanted) {
        Optional<EntityView> existing = store.entityView(wanted.id());
        if (existing.isPresent())
            return Optional.of(existing.get().equals(wanted) ? new EmissionsResult.Done<>(new Registered<>(existing.get(), false))
                    : EmissionsResult.refused("ENTITY_EXISTS", "covered entity " + wanted.id() + " is recorded already, as " + describe(existing.get())));
        return store.entities().stream().filter(e -> Objects.equals(e.accountId(), wanted.accountId())).findFirst()
                .map(e -> EmissionsResult.refused("ACCOUNT_ALREADY_LINKED", "the account is linked to covered entity " + e.id() + " already"));
    }

    private String describe(EntityView e) {
        String account = account(e).map(Account::number).orElse("no account");
        return "'" + e.name() + "' of " + e.jurisdiction() + ", account " + account;
    }

    /**
     * Adds a facility to an entity. Checks: {@code UNKNOWN_ENTITY}, {@code FACILITY_EXISTS} (the id is taken under
     * another name; the same name again is a retry).
     */
    public EmissionsResult<Registered<CoveredEntity>> addFacility(EntityId entityId, FacilityId id, String name, ActorId by) {
        Optional<CoveredEntity> entity = store.entity(entityId);
        if (entity.isEmpty()) return EmissionsResult.refused("UNKNOWN_ENTITY", "no covered entity " + entityId);
        Optional<EmissionsResult<Registered<CoveredEntity>>> known = knownFacility(entity.get(), id, name);
        if (known.isPresent()) return known.get();
        if (store.addFacility(entityId, id, name, by, clock.instant())) return new EmissionsResult.Done<>(new Registered<>(store.entity(entityId).orElseThrow(), true));
        return knownFacility(store.entity(entityId).orElseThrow(), id, name).orElseThrow();
    }

    private static Optional<EmissionsResult<Registered<CoveredEntity>>> knownFacility(CoveredEntity e, FacilityId id, String name) {
        return e.facilities().stream().filter(f -> f.id().equals(id)).findFirst().map(f -> f.name().equals(name)
                ? new EmissionsResult.Done<>(new Registered<>(e, false))
                : EmissionsResult.refused("FACILITY_EXISTS", "facility " + id + " of " + e.id() + " is recorded already, as '" + f.name() + "'"));
    }

    /**
     * Adds an installation under a facility of the entity, with its first version valid from {@code validFrom}. Checks:
     * {@code UNKNOWN_ENTITY}, {@code UNKNOWN_FACILITY}, {@code INSTALLATION_EXISTS} (the id is used in the entity
     * already by a different installation; the same facility, kind and first version again is a retry).
     */
    public EmissionsResult<Registered<Installation>> addInstallation(EntityId entityId, FacilityId facility, InstallationId id, LocalDate validFrom,
                                                                     InstallationSpec spec, String reason, ActorId by) {
        Optional<CoveredEntity> entity = store.entity(entityId);
        if (entity.isEmpty()) return EmissionsResult.refused("UNKNOWN_ENTITY", "no covered entity " + entityId);
        if (entity.get().facilities().stream().noneMatch(f -> f.id().equals(facility)))
            return EmissionsResult.refused("UNKNOWN_FACILITY", entityId + " has no facility " + facility);
        Installation wanted = Installation.of(id, validFrom, spec, reason);
        Optional<EmissionsResult<Registered<Installation>>> known = knownInstallation(entity.get(), facility, wanted);
        if (known.isPresent()) return known.get();
        if (store.addInstallation(entityId, facility, wanted, by, clock.instant()))
            return new EmissionsResult.Done<>(new Registered<>(installation(entityId, id), true));
        return knownInstallation(store.entity(entityId).orElseThrow(), facility, wanted).orElseThrow();
    }

    private static Optional<EmissionsResult<Registered<Installation>>> knownInstallation(CoveredEntity e, FacilityId facility, Installation wanted) {
        for (Facility f : e.facilities())
            for (Installation i : f.installations())
                if (i.id().equals(wanted.id())) {
                    boolean same = f.id().equals(facility) && i.kind() == wanted.kind() && i.versions().getFirst().equals(wanted.versions().getFirst());
                    return Optional.of(same ? new EmissionsResult.Done<>(new Registered<>(i, false))
                            : EmissionsResult.refused("INSTALLATION_EXISTS", "installation " + wanted.id() + " of " + e.id() + " is recorded already ("
                            + i.kind() + " in facility " + f.id() + ", first valid from " + i.versions().getFirst().validFrom() + ")"));
                }
        return Optional.empty();
    }

    /**
     * Appends a version to an installation; the earlier versions stay as they were. Checks: {@code UNKNOWN_ENTITY},
     * {@code UNKNOWN_INSTALLATION}, {@code KIND_MISMATCH} (the spec is of another kind than the installation), then: the
     * same version as the last one again is a retry; otherwise {@code VERSION_NOT_AFTER_LAST} unless it starts after
     * the last version.
     */
    public EmissionsResult<Registered<Installation>> appendVersion(EntityId entityId, InstallationId id, LocalDate validFrom, InstallationSpec spec,
                                                                   String reason, ActorId by) {
        Optional<CoveredEntity> entity = store.entity(entityId);
        if (entity.isEmpty()) return EmissionsResult.refused("UNKNOWN_ENTITY", "no covered entity " + entityId);
        Optional<Installation> installation = entity.get().installation(id);
        if (installation.isEmpty()) return EmissionsResult.refused("UNKNOWN_INSTALLATION", entityId + " has no installation " + id);
        if (spec.kind() != installation.get().kind())
            return EmissionsResult.refused("KIND_MISMATCH", id + " is a " + installation.get().kind() + ", the version describes a " + spec.kind());
        InstallationVersion wanted = new InstallationVersion(validFrom, spec, reason);
        Optional<EmissionsResult<Registered<Installation>>> known = knownVersion(installation.get(), wanted);
        if (known.isPresent()) return known.get();
        if (store.appendVersion(entityId, id, wanted, by, clock.instant())) return new EmissionsResult.Done<>(new Registered<>(installation(entityId, id), true));
        // another version was appended meanwhile
        return knownVersion(installation(entityId, id), wanted).orElseThrow(() -> new IllegalStateException("version of " + id + " neither appended nor refused"));
    }

    private static Optional<EmissionsResult<Registered<Installation>>> knownVersion(Installation i, InstallationVersion wanted) {
        InstallationVersion last = i.versions().getLast();
        if (last.equals(wanted)) return Optional.of(new EmissionsResult.Done<>(new Registered<>(i, false)));
        if (!wanted.validFrom().isAfter(last.validFrom()))
            return Optional.of(EmissionsResult.refused("VERSION_NOT_AFTER_LAST", "a version of " + i.id() + " must start after its last one, valid from "
                    + last.validFrom() + " (" + wanted.validFrom() + " given); earlier versions are never edited"));
        return Optional.empty();
    }

    private Installation installation(EntityId entity, InstallationId id) {
        return store.entity(entity).flatMap(e -> e.installation(id)).orElseThrow();
    }

    // ---------------------------------------------------------------------------------------------- verifiers

    /**
     * Records an accredited verifier organisation. Checks: {@code VERIFIER_EXISTS} (the id is taken by a different
     * organisation or accreditation; the same again is a retry).
     */
    public EmissionsResult<Registered<VerifierView>> addVerifier(Verifier v, ActorId by) {
        Optional<EmissionsResult<Registered<VerifierView>>> known = knownVerifier(v);
        if (known.isPresent()) return known.get();
        if (store.addVerifier(v, by, clock.instant())) return new EmissionsResult.Done<>(new Registered<>(verifierView(v).orElseThrow(), true));
        return knownVerifier(v).orElseThrow();
    }

    private Optional<VerifierView> verifierView(Verifier v) {
        return store.verifiers().stream().filter(x -> x.verifier().id().equals(v.id())).findFirst();
    }

    private Optional<EmissionsResult<Registered<VerifierView>>> knownVerifier(Verifier v) {
        return verifierView(v).map(x -> x.verifier().equals(v) ? new EmissionsResult.Done<>(new Registered<>(x, false))
                : EmissionsResult.refused("VERIFIER_EXISTS", "verifier " + v.id() + " is recorded already, as '" + x.verifier().name() + "' accredited "
                + x.verifier().accreditedFrom() + ".." + (x.verifier().accreditedUntil() == null ? "" : x.verifier().accreditedUntil())
                + " in " + x.verifier().jurisdictions().stream().map(Jurisdiction::code).sorted().toList()));
    }

    /**
     * Records a consulting link: the verifier (or an affiliate) advised the entity in those years, so the independence
     * rule keeps it from verifying the entity. Checks: {@code UNKNOWN_ENTITY}, {@code UNKNOWN_VERIFIER}; the same
     * link (verifier, entity, years and nature) again is a retry.
     */
    public EmissionsResult<Registered<ConsultingLinkView>> addConsultingLink(ConsultingLink link, ActorId by) {
        if (store.entityView(link.entity()).isEmpty()) return EmissionsResult.refused("UNKNOWN_ENTITY", "no covered entity " + link.entity());
        if (store.verifier(link.verifier()).isEmpty()) return EmissionsResult.refused("UNKNOWN_VERIFIER", "no verifier " + link.verifier());
        Optional<ConsultingLinkView> same = store.consultingLinkViews().stream().filter(l -> l.link().equals(link)).findFirst();
        if (same.isPresent()) return new EmissionsResult.Done<>(new Registered<>(same.get(), false));
        long id = store.addConsultingLink(link, by, clock.instant());
        return new EmissionsResult.Done<>(new Registered<>(store.consultingLinkViews().stream().filter(l -> l.id() == id).findFirst().orElseThrow(), true));
    }
}
