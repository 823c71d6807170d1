package io.fedgate.interconnect.ovsdb;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One row of a monitored table as the replica holds it: every monitored column is present, with its
 * default when the server never wrote it. Values are typed by the schema (see {@link OvsdbValues}).
 */
public record Row(String table, Uuid uuid, Map<String, Object> columns) {
    public Row {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** The raw value of {@code column}, or null when the column is not monitored. */
    public Object get(String column) {
        return columns.get(column);
    }

    /** A string column's value. */
    public String string(String column) {
        Object v = columns.get(column);
        if (v instanceof Set<?> s) {
            return s.isEmpty() ? null : String.valueOf(s.iterator().next());
        }
        return v == null ? null : v.toString();
    }

    /** An integer column's value, or null. */
    public Long integer(String column) {
        Object v = columns.get(column);
        if (v instanceof Set<?> s) {
            v = s.isEmpty() ? null : s.iterator().next();
        }
        return v instanceof Long l ? l : null;
    }

    /** A set column's elements (a scalar reads as a one-element set). */
    public Set<Object> set(String column) {
        Object v = columns.get(column);
        if (v == null) {
            return Set.of();
        }
        if (v instanceof Set<?> s) {
            return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(s));
        }
        return Set.of(v);
    }

    /** A set-of-strings column. */
    public Set<String> stringSet(String column) {
        Set<String> out = new LinkedHashSet<>();
        for (Object o : set(column)) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** A set-of-uuids column (references to other rows). */
    public Set<Uuid> uuidSet(String column) {
        Set<Uuid> out = new LinkedHashSet<>();
        for (Object o : set(column)) {
            if (o instanceof Uuid u) {
                out.add(u);
            }
        }
        return out;
    }

    /** A map column with string keys and values, e.g. {@code options} or {@code external_ids}. */
    public Map<String, String> stringMap(String column) {
        Object v = columns.get(column);
        Map<String, String> out = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
        }
        return out;
    }
}
