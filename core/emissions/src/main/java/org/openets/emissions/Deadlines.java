package org.openets.emissions;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** Overdue detection across entities: which entities have not done a step by a given day. */
public final class Deadlines {
    private Deadlines() {}

    /**
     * @param covered every entity the step applies to
     * @param doneOn  the day each entity did the step; an entity not in the map has not done it
     */
    public static SortedSet<EntityId> overdue(Deadline deadline, Collection<EntityId> covered, Map<EntityId, LocalDate> doneOn, LocalDate today) {
        SortedSet<EntityId> out = new TreeSet<>();
        for (EntityId e : covered)
            if (deadline.isOverdue(doneOn.get(e), today)) out.add(e);
        return out;
    }
}
