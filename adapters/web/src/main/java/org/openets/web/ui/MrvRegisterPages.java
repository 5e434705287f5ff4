package org.openets.web.ui;

import org.openets.emissions.Cooling;
import org.openets.emissions.Facility;
import org.openets.emissions.Installation;
import org.openets.emissions.InstallationKind;
import org.openets.emissions.InstallationSpec;
import org.openets.emissions.InstallationVersion;
import org.openets.emissions.PressureClass;
import org.openets.emissions.UnitCategory;
import org.openets.kernel.Jurisdiction;
import org.openets.web.Problem;
import org.openets.web.desk.MrvRegisterDesk;
import org.openets.web.desk.MrvRegisterDesk.Entry;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.workflows.emissions.EmissionsViews.Recorded;
import org.openets.workflows.emissions.EmissionsViews.Registered;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The regulator's MRV register page (排放单位名录): its jurisdictions' covered entities with their facilities and
 * installations and every installation version; forms to define an entity (linked to a holding account of its
 * jurisdiction), add a facility, an installation, a new version with its reason, a verifier and a consulting link.
 * Auditors read it without the forms; an entity's representatives see their own entities. Who may is
 * {@link MrvRegisterDesk}'s rule, as for the API; a refused form comes back with its code, every field's problem and
 * what was typed.
 */
@Controller
public class MrvRegisterPages {
    private final MrvRegisterDesk desk;
    private final Access access;

    public MrvRegisterPages(MrvRegisterDesk desk, Access access) {
        this.desk = desk;
        this.access = access;
    }

    // ---------------------------------------------------------------------------------------------- rows

    public record VersionRow(String validFrom, String validTo, String capacity, String capacityUnit, String category, String pressure, String cooling,
                             Boolean heatSupply, String commissioned, String closed, String province, String city, String reason, String recordedBy,
                             String recordedAt, boolean current) {}

    public record InstallationRow(String entity, String id, String kind, String key, List<VersionRow> versions) {}

    public record FacilityRow(String id, String name, List<InstallationRow> installations) {}

    public record EntityRow(String id, String name, String jurisdiction, String account, String accountHolder, String recordedBy, String recordedAt,
                            boolean mayRecord, List<FacilityRow> facilities) {}

    public record Choice(String id, String name) {}

    /** An installation to choose in the version form: its key, and its kind, which the page names in its language. */
    public record InstallationChoice(String id, String kind) {}

    public record VerifierRow(String id, String name, String accreditedFrom, String accreditedUntil, String jurisdictions, String recordedBy) {}

    public record LinkRow(long id, String verifier, String entity, int fromYear, int toYear, String nature, String recordedBy, String recordedAt) {}

    static String plain(BigDecimal d) { return d == null ? "" : d.stripTrailingZeros().toPlainString(); }

    static String date(java.time.LocalDate d) { return d == null ? "" : d.toString(); }

    static String unit(InstallationKind k) {
        return switch (k) {
            case GENERATING_UNIT -> "MW";
            case CLINKER_LINE -> "t/d";
            case ALUMINIUM_SMELTER -> "t/a";
        };
    }

    static BigDecimal capacity(InstallationSpec s) {
        return switch (s) {
            case InstallationSpec.GeneratingUnit g -> g.capacityMw();
            case InstallationSpec.ClinkerLine l -> l.capacityTonnesPerDay();
            case InstallationSpec.AluminiumSmelter a -> a.capacityTonnesPerYear();
        };
    }

    static VersionRow row(Installation i, InstallationVersion v, Recorded r) {
        InstallationSpec s = v.spec();
        InstallationSpec.GeneratingUnit g = s instanceof InstallationSpec.GeneratingUnit x ? x : null;
        java.time.LocalDate to = i.validTo(v);
        return new VersionRow(v.validFrom().toString(), to == null ? null : to.toString(), plain(capacity(s)), unit(s.kind()), g == null ? null : g.category().name(),
                g == null ? null : g.pressure().name(), g == null ? null : g.cooling().name(), g == null ? null : g.heatSupply(), date(s.commissioned()),
                date(s.closed()), s.province(), s.city(), v.reason(), r.by() == null ? null : r.by().value(), PageViews.time(r.at()), to == null);
    }

    EntityRow row(Permissions p, Entry e) {
        List<FacilityRow> facilities = new ArrayList<>();
        for (Facility f : e.structure().facilities()) {
            List<InstallationRow> installations = new ArrayList<>();
            for (Installation i : f.installations())
                installations.add(new InstallationRow(e.entity().id().value(), i.id().value(), i.kind().name(), e.entity().id().value() + "/" + i.id().value(),
                        i.versions().stream().map(v -> row(i, v, e.records().version(i.id(), v.validFrom()))).toList()));
            facilities.add(new FacilityRow(f.id().value(), f.name(), installations));
        }
        Recorded r = e.records().entity();
        return new EntityRow(e.entity().id().value(), e.entity().name(), e.entity().jurisdiction().code(), e.accountNumber(), e.accountHolder(),
                r.by() == null ? null : r.by().value(), PageViews.time(r.at()), desk.mayRecord(p, e.entity()), facilities);
    }

    /** The spec fields of an installation's current version, as the new-version form starts from them. */
    static Map<String, String> typedFrom(InstallationVersion v) {
        Map<String, String> m = new HashMap<>();
        InstallationSpec s = v.spec();
        m.put("ver.capacity", plain(capacity(s)));
        m.put("ver.commissioned", date(s.commissioned()));
        m.put("ver.closed", date(s.closed()));
        m.put("ver.province", s.province());
        m.put("ver.city", s.city());
        if (s instanceof InstallationSpec.GeneratingUnit g) {
            m.put("ver.category", g.category().name());
            m.put("ver.pressure", g.pressure().name());
            m.put("ver.cooling", g.cooling().name());
            m.put("ver.heatSupply", Boolean.toString(g.heatSupply()));
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------- page

    @GetMapping("/emissions/register")
    String register(@RequestParam(required = false) String version, Model model) {
        Permissions p = access.current();
        List<Entry> entries = desk.entities(p);
        List<EntityRow> rows = entries.stream().map(e -> row(p, e)).toList();
        model.addAttribute("entities", rows);
        boolean records = desk.mayRecord(p);
        model.addAttribute("mayRecord", records);
        model.addAttribute("readsVerifiers", p.auditor() || p.isAdministrator());
        if (p.auditor() || p.isAdministrator()) {
            model.addAttribute("verifiers", desk.verifiers(p).stream().map(v -> new VerifierRow(v.verifier().id().value(), v.verifier().name(),
                    date(v.verifier().accreditedFrom()), date(v.verifier().accreditedUntil()),
                    String.join(", ", v.verifier().jurisdictions().stream().map(Jurisdiction::code).sorted().toList()),
                    v.recorded().by() == null ? null : v.recorded().by().value())).toList());
            model.addAttribute("links", desk.consultingLinks(p).stream().map(l -> new LinkRow(l.id(), l.link().verifier().value(), l.link().entity().value(),
                    l.link().fromYear(), l.link().toYear(), l.link().nature(), l.recorded().by() == null ? null : l.recorded().by().value(),
                    PageViews.time(l.recorded().at()))).toList());
        } else {
            model.addAttribute("verifiers", List.of());
            model.addAttribute("links", List.of());
        }
        // the forms' choices: the entities and installations this regulator records on, the accounts it may link
        List<EntityRow> mine = rows.stream().filter(EntityRow::mayRecord).toList();
        model.addAttribute("myEntities", mine.stream().map(e -> new Choice(e.id(), e.name())).toList());
        List<InstallationChoice> installations = new ArrayList<>();
        for (EntityRow e : mine)
            for (FacilityRow f : e.facilities())
                for (InstallationRow i : f.installations()) installations.add(new InstallationChoice(i.key(), String.valueOf(i.kind())));
        model.addAttribute("myInstallations", installations);
        model.addAttribute("accounts", desk.linkableAccounts(p).stream().map(a -> new Choice(a.number(), a.number() + " · " + a.holder())).toList());
        model.addAttribute("jurisdictions", records ? p.administered().stream().sorted().toList() : List.of());
        model.addAttribute("kinds", List.of(InstallationKind.values()));
        model.addAttribute("categories", List.of(UnitCategory.values()));
        model.addAttribute("pressures", List.of(PressureClass.values()));
        model.addAttribute("coolings", List.of(Cooling.values()));

        // what the forms show: what was typed before a refusal, or the chosen installation's current version
        @SuppressWarnings("unchecked")
        Map<String, String> typed = model.getAttribute("typed") instanceof Map<?, ?> m ? new HashMap<>((Map<String, String>) m) : new HashMap<>();
        if (version != null && !typed.containsKey("ver.installation") && records) {
            for (Entry e : entries)
                if (desk.mayRecord(p, e.entity()))
                    for (Installation i : e.structure().installations())
                        if ((e.entity().id().value() + "/" + i.id().value()).equals(version)) {
                            typed.putAll(typedFrom(i.versions().getLast()));
                            typed.put("ver.installation", version);
                        }
        }
        model.addAttribute("typed", typed);
        return "emissions-register";
    }

    // ---------------------------------------------------------------------------------------------- forms

    /** Runs a form's command and comes back to the page with its result, or with the refusal, each field's problem and what was typed. */
    static String act(RedirectAttributes ra, String anchor, String form, Map<String, String> params, Supplier<Registered<?>> action) {
        try {
            Registered<?> r = action.get();
            ra.addFlashAttribute("flash", new PageSupport.Flash("done", r.created() ? "REGISTER_" + form.toUpperCase(java.util.Locale.ROOT)
                    : "REGISTER_ALREADY_RECORDED", null, null, null));
        } catch (Problem e) {
            ra.addFlashAttribute("flash", PageSupport.Flash.of(e));
            if (e.properties().get("problems") instanceof List<?> problems) ra.addFlashAttribute("fieldProblems", problems);
            Map<String, String> typed = new HashMap<>();
            params.forEach((k, v) -> { if (v != null) typed.put(form + "." + k, v); });
            ra.addFlashAttribute("typed", typed);
            ra.addFlashAttribute("failedForm", form);
            return "redirect:/emissions/register#" + form + "-form";
        }
        return "redirect:/emissions/register" + (anchor == null ? "" : "#" + anchor);
    }

    static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    static MrvRegisterDesk.SpecIn spec(String category, String capacity, String pressure, String cooling, String heatSupply, String commissioned, String closed,
                                       String province, String city) {
        return new MrvRegisterDesk.SpecIn(blankToNull(category), blankToNull(capacity), blankToNull(pressure), blankToNull(cooling),
                heatSupply == null ? null : Boolean.valueOf("true".equals(heatSupply)), blankToNull(commissioned), blankToNull(closed), province, city);
    }

    @PostMapping("/emissions/register/entities")
    String defineEntity(@RequestParam(required = false) String id, @RequestParam(required = false) String name,
                        @RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String account, RedirectAttributes ra) {
        Permissions p = access.current();
        return act(ra, "entity-" + id, "entity", params("id", id, "name", name, "jurisdiction", jurisdiction, "account", account),
                () -> desk.defineEntity(p, new MrvRegisterDesk.EntityIn(id, name, jurisdiction, account)));
    }

    @PostMapping("/emissions/register/facilities")
    String addFacility(@RequestParam(required = false) String entity, @RequestParam(required = false) String id,
                       @RequestParam(required = false) String name, RedirectAttributes ra) {
        Permissions p = access.current();
        return act(ra, "entity-" + entity, "facility", params("entity", entity, "id", id, "name", name),
                () -> desk.addFacility(p, entity, new MrvRegisterDesk.FacilityIn(id, name)));
    }

    @PostMapping("/emissions/register/installations")
    String addInstallation(@RequestParam(required = false) String entity, @RequestParam(required = false) String facility,
                           @RequestParam(required = false) String id, @RequestParam(required = false) String kind,
                           @RequestParam(required = false) String validFrom, @RequestParam(required = false) String reason,
                           @RequestParam(required = false) String category, @RequestParam(required = false) String capacity,
                           @RequestParam(required = false) String pressure, @RequestParam(required = false) String cooling,
                           @RequestParam(required = false) String heatSupply, @RequestParam(required = false) String commissioned,
                           @RequestParam(required = false) String closed, @RequestParam(required = false) String province,
                           @RequestParam(required = false) String city, RedirectAttributes ra) {
        Permissions p = access.current();
        return act(ra, "installation-" + entity + "-" + id, "inst", params("entity", entity, "facility", facility, "id", id, "kind", kind, "validFrom", validFrom,
                        "reason", reason, "category", category, "capacity", capacity, "pressure", pressure, "cooling", cooling, "heatSupply", heatSupply,
                        "commissioned", commissioned, "closed", closed, "province", province, "city", city),
                () -> desk.addInstallation(p, entity, new MrvRegisterDesk.InstallationIn(facility, id, kind, validFrom, reason,
                        spec(category, capacity, pressure, cooling, heatSupply, commissioned, closed, province, city))));
    }

    @PostMapping("/emissions/register/versions")
    String appendVersion(@RequestParam(required = false) String installation, @RequestParam(required = false) String validFrom,
                         @RequestParam(required = false) String reason, @RequestParam(required = false) String category,
                         @RequestParam(required = false) String capacity, @RequestParam(required = false) String pressure,
                         @RequestParam(required = false) String cooling, @RequestParam(required = false) String heatSupply,
                         @RequestParam(required = false) String commissioned, @RequestParam(required = false) String closed,
                         @RequestParam(required = false) String province, @RequestParam(required = false) String city, RedirectAttributes ra) {
        Permissions p = access.current();
        // the choice names entity/installation
        String key = installation == null ? "" : installation;
        int slash = key.indexOf('/');
        String entity = slash < 0 ? key : key.substring(0, slash), id = slash < 0 ? "" : key.substring(slash + 1);
        return act(ra, "installation-" + entity + "-" + id, "ver", params("installation", installation, "validFrom", validFrom, "reason", reason,
                        "category", category, "capacity", capacity, "pressure", pressure, "cooling", cooling, "heatSupply", heatSupply,
                        "commissioned", commissioned, "closed", closed, "province", province, "city", city),
                () -> desk.appendVersion(p, entity, id, new MrvRegisterDesk.VersionIn(validFrom, reason,
                        spec(category, capacity, pressure, cooling, heatSupply, commissioned, closed, province, city))));
    }

    @PostMapping("/emissions/register/verifiers")
    String addVerifier(@RequestParam(required = false) String id, @RequestParam(required = false) String name,
                       @RequestParam(required = false) String accreditedFrom, @RequestParam(required = false) String accreditedUntil,
                       @RequestParam(required = false) List<String> jurisdictions, RedirectAttributes ra) {
        Permissions p = access.current();
        return act(ra, "verifiers", "verifier", params("id", id, "name", name, "accreditedFrom", accreditedFrom, "accreditedUntil", accreditedUntil),
                () -> desk.addVerifier(p, new MrvRegisterDesk.VerifierIn(id, name, accreditedFrom, blankToNull(accreditedUntil), jurisdictions)));
    }

    @PostMapping("/emissions/register/consulting-links")
    String addConsultingLink(@RequestParam(required = false) String verifier, @RequestParam(required = false) String entity,
                             @RequestParam(required = false) String fromYear, @RequestParam(required = false) String toYear,
                             @RequestParam(required = false) String nature, RedirectAttributes ra) {
        Permissions p = access.current();
        Map<String, String> typed = params("verifier", verifier, "entity", entity, "fromYear", fromYear, "toYear", toYear, "nature", nature);
        return act(ra, "links", "link", typed, () -> {
            Integer from = year("fromYear", fromYear), to = year("toYear", toYear);
            return desk.addConsultingLink(p, new MrvRegisterDesk.ConsultingLinkIn(verifier, entity, from, to, nature));
        });
    }

    /** A year typed into the form: blank is left to the desk (required); a text is a field problem. */
    static Integer year(String field, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw Problem.badRequest("VALIDATION_FAILED", field + ": a year, not '" + value.strip() + "'").with("field", field)
                    .with("problems", List.of(Map.of("field", field, "message", "a year, not '" + value.strip() + "'"))).say("detail.yearText." + field, value.strip());
        }
    }
}
