package io.fedgate.interconnect.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a row should hold: whole columns we own, and single keys of map columns we share with others (an
 * {@code options} map where ovn-ic adds its own keys). A key mapped to null must be absent.
 */
public record DesiredRow(Map<String, Object> columns, Map<String, Map<String, String>> mapKeys) {
    public DesiredRow {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        Map<String, Map<String, String>> k = new LinkedHashMap<>();
        mapKeys.forEach((c, m) -> k.put(c, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        mapKeys = Collections.unmodifiableMap(k);
    }

    /** Starts an empty desired row. */
    public static Builder builder() {
        return new Builder();
    }

    /** This row with the ownership marker added. */
    public DesiredRow owned() {
        Builder b = new Builder();
        b.columns.putAll(columns);
        mapKeys.forEach((c, m) -> b.mapKeys.put(c, new LinkedHashMap<>(m)));
        return b.mapKey("external_ids", Ownership.KEY, Ownership.VALUE).build();
    }

    /** Builds a {@link DesiredRow}. */
    public static final class Builder {
        private final Map<String, Object> columns = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> mapKeys = new LinkedHashMap<>();

        /** The whole column. */
        public Builder column(String column, Object value) {
            columns.put(column, value);
            return this;
        }

        /** One key of a map column; {@code value} null means the key must be absent. */
        public Builder mapKey(String column, String key, String value) {
            mapKeys.computeIfAbsent(column, c -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        public DesiredRow build() {
            return new DesiredRow(columns, mapKeys);
        }
    }
}
