package io.fedgate.interconnect.internal;

import io.fedgate.interconnect.ovsdb.Row;

/** The external id that marks the rows fedgate created; rows without it are never changed or deleted. */
public final class Ownership {
    /** Key in {@code external_ids}. */
    public static final String KEY = "fedgate.io/owner";
    /** Its value. */
    public static final String VALUE = "fedgate";

    private Ownership() {
    }

    /** True when {@code row} carries our marker. */
    public static boolean owned(Row row) {
        return row != null && VALUE.equals(row.stringMap("external_ids").get(KEY));
    }
}
