package org.openets.web.desk;

import org.openets.kernel.UnitType;
import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.RegistryViews.CapChangeView;
import org.openets.workflows.registry.RegistryViews.CapView;
import org.openets.workflows.registry.spi.RegistryAdministration;
import org.openets.workflows.registry.spi.RegistryAdministration.CapChange;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The caps (issuance limits) as the registry's administrators keep them: the administrators of a unit type's issuer
 * set the cap of each of its vintages, on a source (a regulation or notice number), never below what is issued plus
 * what awaits approval; every version is kept with who set it and when. Administrators and auditors read them. The
 * same rules for the API and the pages.
 */
@Component
public class CapDesk {
    static final int MAX_SOURCE = 500, HISTORY = 200;

    private final RegistryDesk desk;
    private final RegistryAdministration administration;
    private final UnitTypes unitTypes;

    public CapDesk(RegistryDesk desk, RegistryAdministration administration, UnitTypes unitTypes) {
        this.desk = desk;
        this.administration = administration;
        this.unitTypes = unitTypes;
    }

    /** A cap as it is now (null: none set) and its versions, newest first. */
    public record Cap(String unitType, int vintage, CapView current, List<CapChangeView> history) {}

    /** Whether the person may set the caps of the unit type: an administrator of its issuer. */
    public boolean maySet(Permissions p, UnitType u) { return p.mayWrite() && p.administers(u.issuer()); }

    /** Every cap, for administrators and auditors (anyone else 403 NOT_AUTHORISED, recorded). */
    public List<CapView> caps(Permissions p) {
        readable(p, "-");
        return desk.readModel().caps();
    }

    /** The newest versions of every cap, for administrators and auditors. */
    public List<CapChangeView> history(Permissions p) {
        readable(p, "-");
        return desk.readModel().capChanges(null, null, HISTORY);
    }

    /** One cap and its history, for administrators and auditors; 422 UNKNOWN_UNIT_TYPE, 400 for a vintage out of range. */
    public Cap cap(Permissions p, String unitTypeText, String vintageText) {
        readable(p, unitTypeText + " " + vintageText);
        UnitType u = unitType(unitTypeText);
        int v = vintage(vintageText);
        CapView current = desk.readModel().caps().stream().filter(c -> c.unitType().equals(u.code()) && c.vintage() == v).findFirst().orElse(null);
        return new Cap(u.code(), v, current, desk.readModel().capChanges(u.code(), v, HISTORY));
    }

    private void readable(Permissions p, String target) {
        if (!p.auditor() && !p.isAdministrator())
            throw desk.refuse(p, "READ issuance limits", target, "NOT_AUTHORISED", p.login() + " may not read the caps: administrators and auditors do")
                    .say("detail.deny.readCaps");
    }

    /**
     * Who may set this cap, first (403 NOT_AUTHORISED, recorded as {@code SET issuance limit} on the unit type and
     * vintage as sent); returns the unit type. A page calls it before it reads the rest of its form.
     */
    public UnitType authorise(Permissions p, String unitTypeText, String vintageText) {
        String action = "SET issuance limit", target = (unitTypeText == null ? "" : unitTypeText.strip()) + " " + (vintageText == null ? "" : vintageText.strip());
        if (!p.mayWrite() || !p.isAdministrator())
            throw desk.refuse(p, action, target, "NOT_AUTHORISED", p.login() + " may not set caps: the unit type's issuing administrators do").say("detail.deny.setCap");
        UnitType u = unitType(unitTypeText);
        if (!maySet(p, u))
            throw desk.refuse(p, action, target, "NOT_AUTHORISED", p.login() + " may not set the caps of " + u.code() + ": the administrators of " + u.issuer().code() + " do")
                    .say("detail.deny.setCapOf", u.code(), u.issuer().code());
        return u;
    }

    /**
     * Sets the cap of a unit type and vintage. 403 NOT_AUTHORISED (recorded) for anyone but an administrator of the unit
     * type's issuer; 422 UNKNOWN_UNIT_TYPE; 400 VALIDATION_FAILED for a vintage outside 2005–2100 or a missing or too long
     * source; 422 INVALID_QUANTITY as for a transaction (whole tonnes, 1 t to the largest serial); 422 CAP_BELOW_ISSUED
     * when the cap would be below what is issued plus what awaits approval (checked again under the ledger's lock).
     */
    public Cap set(Permissions p, String unitTypeText, String vintageText, BigDecimal quantityValue, String source) {
        UnitType u = authorise(p, unitTypeText, vintageText);
        int v = vintage(vintageText);
        long quantity = RegistryDesk.quantity(quantityValue);
        String s = source == null ? "" : source.strip();
        if (s.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "a cap names its source (a regulation or notice number)").say("detail.cap.source");
        if (s.length() > MAX_SOURCE) throw Problem.badRequest("VALIDATION_FAILED", "the source has at most " + MAX_SOURCE + " characters").say("detail.cap.sourceLength", MAX_SOURCE);
        CapChange c = administration.changeIssuanceLimit(u.code(), v, quantity, s, p.actor());
        switch (c.result()) {
            case UNKNOWN_UNIT_TYPE -> throw unknown(u.code());
            case BELOW_ISSUED -> throw Problem.unprocessable("CAP_BELOW_ISSUED", "a cap of " + t(quantity) + " t for " + u.code() + " " + v + " is below what is issued ("
                            + t(c.issued()) + " t) plus what awaits approval (" + t(c.pending()) + " t): it is at least " + t(c.issued() + c.pending()) + " t")
                    .with("issued", c.issued()).with("pending", c.pending())
                    .say("detail.cap.belowIssued", t(quantity), u.code() + " " + v, t(c.issued()), t(c.pending()));
            case SET -> { }
        }
        return cap(p, u.code(), Integer.toString(v));
    }

    private UnitType unitType(String text) {
        String code = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "unitType is required").say("detail.cap.unitType");
        return unitTypes.find(code).orElseThrow(() -> unknown(code));
    }

    private static Problem unknown(String code) {
        return Problem.unprocessable("UNKNOWN_UNIT_TYPE", "no unit type " + code).say("detail.cap.unknownUnitType", code);
    }

    private static int vintage(String text) {
        String v = text == null ? "" : text.strip();
        if (v.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "vintage is required").say("detail.vintage.required");
        int year;
        try {
            year = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "vintage must be a year from 2005 to 2100").say("detail.year.range", 2005, 2100);
        }
        if (year < 2005 || year > 2100) throw Problem.badRequest("VALIDATION_FAILED", "vintage must be a year from 2005 to 2100").say("detail.year.range", 2005, 2100);
        return year;
    }

    private static String t(long q) { return String.format(Locale.ROOT, "%,d", q); }
}
