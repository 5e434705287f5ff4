package org.openets.kernel;

import java.util.regex.Pattern;

/**
 * A kind of unit a registry holds, named by its code and issued under one jurisdiction: {@code CEA}
 * (national allowance, 全国碳排放配额), {@code GDEA}, {@code SZEA}, {@code SHEA}, {@code FJEA},
 * {@code BJEA}, {@code TJEA}, {@code HBEA}, {@code CQEA} (pilot allowances), {@code CCER}, {@code FFCER}
 * (Fujian forestry), {@code PHCER} (Guangdong carbon inclusion, 碳普惠). The catalogue of types is data
 * held by the registry; this record only fixes the shape.
 */
public record UnitType(String code, UnitKind kind, Jurisdiction issuer) {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]{1,15}");

    public UnitType {
        if (code == null || !CODE.matcher(code).matches())
            throw new IllegalArgumentException("unit type code must be 2-16 upper-case letters or digits: " + code);
        if (kind == null || issuer == null) throw new IllegalArgumentException("unit type needs a kind and an issuer");
    }

    public boolean isOffset() { return kind == UnitKind.OFFSET; }

    @Override public String toString() { return code; }
}
