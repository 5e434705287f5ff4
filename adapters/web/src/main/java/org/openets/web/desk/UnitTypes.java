package org.openets.web.desk;

import org.openets.kernel.UnitType;

import java.util.List;
import java.util.Optional;

/** Port: the catalogue of unit types the registry knows, with their names. */
public interface UnitTypes {
    record Entry(UnitType unitType, String nameZh, String nameEn) {}

    List<Entry> all();

    default Optional<UnitType> find(String code) {
        return all().stream().map(Entry::unitType).filter(u -> u.code().equals(code)).findFirst();
    }
}
