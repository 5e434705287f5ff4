package org.openets.cli.emissions;

import org.openets.emissions.EmissionsAccount;
import org.openets.emissions.InstallationTotal;
import org.openets.emissions.Parameter;
import org.openets.emissions.Substitution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How {@code openets emissions compute} writes the accounts: {@code text} for reading, {@code csv} for spreadsheets and
 * scripts, {@code json} for programs. Each report is formatted on its own (so reports are formatted in parallel) and
 * the command writes them in order between {@link #begin} and {@link #end}.
 */
public enum ReportFormat {
    TEXT {
        @Override String report(String name, EmissionsAccount a, boolean trace, boolean first) {
            StringBuilder b = new StringBuilder(512);
            List<Parameter> unconfirmed = a.trace().unconfirmed();
            b.append("entity ").append(a.entity()).append(" (").append(name).append("), ").append(a.year()).append(": ").append(a.total().tonnes()).append(" t CO2")
                    .append(unconfirmed.isEmpty() ? "" : " [U]").append('\n');
            b.append("  fuel ").append(shown(a.fuelTonnes())).append(" + electricity ").append(shown(a.electricityTonnes())).append(" + process ")
                    .append(shown(a.processTonnes())).append(" = ").append(shown(a.exactTonnes())).append(" tCO2 exact, rounded ")
                    .append(a.roundingMode().value()).append(" at ").append(a.roundingPoint().value()).append('\n');
            for (InstallationTotal t : a.installations())
                b.append("  installation ").append(t.installation()).append(": fuel ").append(shown(t.fuelTonnes())).append(" + electricity ")
                        .append(shown(t.electricityTonnes())).append(" + process ").append(shown(t.processTonnes())).append(" = ")
                        .append(shown(t.exactTonnes())).append(" tCO2").append(t.roundedTonnes() == null ? "" : " (" + t.roundedTonnes() + " t)").append('\n');
            if (!unconfirmed.isEmpty())
                b.append("  [U] rests on unconfirmed values (verify before this figure is final): ").append(String.join(", ", keys(unconfirmed))).append('\n');
            if (trace) {
                b.append("  trace:\n");
                for (String l : a.trace().lines()) b.append("    ").append(l).append('\n');
                List<Substitution> subs = a.trace().substitutions();
                b.append("  substitutions (").append(subs.size()).append(", ").append(a.trace().defaultsApplied().size()).append(" defaults):\n");
                for (Substitution s : subs) b.append("    ").append(s).append('\n');
            }
            return b.toString();
        }
    },

    CSV {
        static final String HEADER = "entity,year,record,installation,fuel_tco2,electricity_tco2,process_tco2,exact_tco2,total_t,unconfirmed,detail\n";

        /** UTF-8 with a byte-order mark first, as allocate's CSV and the platform's downloads: Excel then reads Chinese names as such. */
        @Override String begin(boolean trace) { return "\uFEFF" + HEADER; }

        @Override String report(String name, EmissionsAccount a, boolean trace, boolean first) {
            StringBuilder b = new StringBuilder(256);
            String key = Csv.quote(a.entity().value()) + "," + a.year() + ",";
            b.append(key).append("entity,,").append(exact(a.fuelTonnes())).append(',').append(exact(a.electricityTonnes())).append(',')
                    .append(exact(a.processTonnes())).append(',').append(exact(a.exactTonnes())).append(',').append(a.total().tonnes()).append(',')
                    .append(Csv.quote(String.join(";", keys(a.trace().unconfirmed())))).append(",\n");
            for (InstallationTotal t : a.installations())
                b.append(key).append("installation,").append(Csv.quote(t.installation().value())).append(',').append(exact(t.fuelTonnes())).append(',')
                        .append(exact(t.electricityTonnes())).append(',').append(exact(t.processTonnes())).append(',').append(exact(t.exactTonnes()))
                        .append(',').append(t.roundedTonnes() == null ? "" : t.roundedTonnes()).append(",,\n");
            if (trace) {
                for (String l : a.trace().lines()) b.append(key).append("trace,,,,,,,,").append(Csv.quote(l)).append('\n');
                for (Substitution s : a.trace().substitutions())
                    b.append(key).append("substitution,").append(Csv.quote(s.unit().value())).append(",,,,,,,").append(Csv.quote(s.toString())).append('\n');
            }
            return b.toString();
        }
    },

    JSON {
        @Override String begin(boolean trace) { return "{\"reports\": [\n"; }

        @Override String end() { return "\n]}\n"; }

        @Override String report(String name, EmissionsAccount a, boolean trace, boolean first) {
            StringBuilder b = new StringBuilder(512);
            if (!first) b.append(",\n");
            b.append("{\"entity\": ").append(str(a.entity().value())).append(", \"name\": ").append(str(name)).append(", \"year\": ").append(a.year())
                    .append(", \"jurisdiction\": ").append(str(a.jurisdiction().code())).append(", \"ruleset\": ").append(str(a.ruleset()))
                    .append(", \"total_t\": ").append(a.total().tonnes()).append(", \"exact_tco2\": ").append(exact(a.exactTonnes()))
                    .append(", \"fuel_tco2\": ").append(exact(a.fuelTonnes())).append(", \"electricity_tco2\": ").append(exact(a.electricityTonnes()))
                    .append(", \"process_tco2\": ").append(exact(a.processTonnes())).append(", \"rounding\": {\"point\": ").append(str(a.roundingPoint().value()))
                    .append(", \"mode\": ").append(str(a.roundingMode().value())).append("}, \"unconfirmed\": [")
                    .append(keys(a.trace().unconfirmed()).stream().map(ReportFormat::str).collect(Collectors.joining(", "))).append("],\n  \"installations\": [");
            boolean firstInst = true;
            for (InstallationTotal t : a.installations()) {
                b.append(firstInst ? "" : ", ").append("{\"installation\": ").append(str(t.installation().value())).append(", \"fuel_tco2\": ")
                        .append(exact(t.fuelTonnes())).append(", \"electricity_tco2\": ").append(exact(t.electricityTonnes())).append(", \"process_tco2\": ")
                        .append(exact(t.processTonnes())).append(", \"exact_tco2\": ").append(exact(t.exactTonnes())).append(", \"total_t\": ")
                        .append(t.roundedTonnes() == null ? "null" : t.roundedTonnes()).append('}');
                firstInst = false;
            }
            b.append(']');
            if (trace) {
                b.append(",\n  \"trace\": {\"lines\": [");
                boolean f = true;
                for (String l : a.trace().lines()) { b.append(f ? "\n    " : ",\n    ").append(str(l)); f = false; }
                b.append("],\n   \"substitutions\": [");
                f = true;
                for (Substitution s : a.trace().substitutions()) {
                    b.append(f ? "\n    " : ",\n    ").append("{\"installation\": ").append(str(s.unit().value())).append(", \"month\": ").append(s.month())
                            .append(", \"fuel\": ").append(str(s.fuel().code())).append(", \"factor\": ").append(str(s.factor())).append(", \"origin\": ")
                            .append(str(s.origin().name())).append(", \"value\": ").append(exact(s.value())).append(", \"rules\": [")
                            .append(s.rule().stream().map(p -> str(p.key())).collect(Collectors.joining(", "))).append("], \"why\": ").append(str(s.why())).append('}');
                    f = false;
                }
                b.append("],\n   \"parameters\": [");
                f = true;
                for (Parameter p : a.trace().parameters()) {
                    b.append(f ? "\n    " : ",\n    ").append("{\"key\": ").append(str(p.key())).append(", \"value\": ").append(str(p.value()))
                            .append(", \"unit\": ").append(str(p.unit())).append(", \"confidence\": ").append(str(p.confidence().name()))
                            .append(", \"data_years\": ").append(str(p.validFrom() + "-" + (p.validTo() == null ? "" : p.validTo())))
                            .append(", \"origin\": ").append(str(p.origin())).append(", \"source\": ").append(str(p.source())).append('}');
                    f = false;
                }
                b.append("]}");
            }
            b.append('}');
            return b.toString();
        }
    };

    String begin(boolean trace) { return ""; }

    abstract String report(String name, EmissionsAccount account, boolean trace, boolean first);

    String end() { return ""; }

    /** Exact, without trailing zeros or exponent: {@code 5703.0000} → {@code 5703}. */
    static String exact(BigDecimal v) { return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString(); }

    /** For reading: to 3 decimals (half-even), without trailing zeros. csv and json give the exact figure. */
    static String shown(BigDecimal v) { return exact(v.setScale(3, RoundingMode.HALF_EVEN)); }

    static List<String> keys(List<Parameter> ps) { return ps.stream().map(Parameter::key).distinct().toList(); }

    static String str(String s) { return org.openets.kernel.CanonicalText.jsonString(s); }
}
