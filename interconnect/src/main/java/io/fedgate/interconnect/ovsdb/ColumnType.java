package io.fedgate.interconnect.ovsdb;

import java.util.Map;
import java.util.Set;

/**
 * The type of an OVSDB column: a key type, an optional value type (maps), and how many elements it holds.
 *
 * @param key      the key (or only) atomic type
 * @param value    the value type of a map column, or null
 * @param min      minimum number of elements (0 or 1)
 * @param max      maximum number of elements; {@link #UNLIMITED} for "unlimited"
 * @param refTable the table a uuid key refers to, or null
 */
public record ColumnType(AtomicType key, AtomicType value, int min, long max, String refTable) {
    /** {@code max} of an unlimited set or map. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /** True for a map column. */
    public boolean isMap() {
        return value != null;
    }

    /** True for a column holding exactly one atom. */
    public boolean isScalar() {
        return value == null && min == 1 && max == 1;
    }

    /** True for a set column (including optional values, min 0 max 1). */
    public boolean isSet() {
        return value == null && !isScalar();
    }

    /** The value a column of this type has when nothing was written. */
    public Object defaultValue() {
        if (isMap()) {
            return Map.of();
        }
        if (isSet()) {
            return Set.of();
        }
        return key.defaultValue();
    }
}
