package org.openets.store.security;

import org.openets.kernel.Jurisdiction;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.store.Sql;

import javax.sql.DataSource;
import java.util.List;

/**
 * The unit types the registry knows ({@code unit_type}), for the web layer to check a request's unit type before
 * it reaches the registry and to fill form choices. Belongs on RegistryReadModel; kept here until it moves there.
 */
public final class PgUnitTypeCatalogue {
    public record StoredUnitType(UnitType unitType, String nameZh, String nameEn) {}

    private final Jdbc db;

    public PgUnitTypeCatalogue(DataSource ds) { this.db = new Jdbc(ds); }

    public List<StoredUnitType> all() {
        return db.with("unit types", c -> Sql.list(c, "SELECT code, kind, issuer, name_zh, name_en FROM unit_type ORDER BY issuer <> 'CN', issuer, kind, code",
                rs -> new StoredUnitType(new UnitType(rs.getString(1), UnitKind.valueOf(rs.getString(2)), Jurisdiction.of(rs.getString(3))),
                        rs.getString(4), rs.getString(5))));
    }
}
