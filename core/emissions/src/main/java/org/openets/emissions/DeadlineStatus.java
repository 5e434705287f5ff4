package org.openets.emissions;

/** Where a dated step stands on a given day. */
public enum DeadlineStatus {
    /** Not done, and the due day has not passed. */
    OPEN,
    /** Done on or before the due day. */
    MET,
    /** Done, but after the due day. */
    MET_LATE,
    /** Not done, and the due day has passed. */
    OVERDUE
}
