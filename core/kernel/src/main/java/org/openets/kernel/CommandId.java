package org.openets.kernel;

import java.util.regex.Pattern;

/**
 * The client-supplied identity of a command. A retry under the same id returns the first result; the same
 * id with a different body is rejected. Children of a command derive their ids from the parent's.
 */
public record CommandId(String value) {
    /** The longest id, in characters. */
    public static final int MAX_LENGTH = 80;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0," + (MAX_LENGTH - 1) + "}");

    public CommandId {
        if (value == null || !ID.matcher(value).matches())
            throw new IllegalArgumentException("command id must be 1-80 characters of A-Z a-z 0-9 . _ : - : " + value);
    }

    public static CommandId of(String value) { return new CommandId(value); }

    /** A deterministic child id, e.g. one line of a batch. */
    public CommandId child(String suffix) { return new CommandId(value + ":" + suffix); }

    @Override public String toString() { return value; }
}
