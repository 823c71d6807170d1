package io.fedgate.interconnect.ovsdb;

import java.util.Map;

/**
 * One table of a {@link DatabaseSchema}.
 *
 * @param root    true when rows live without being referenced ({@code isRoot}); non-root rows are
 *                garbage-collected once nothing refers to them
 * @param columns column name to type; includes {@code _uuid}
 */
public record TableSchema(String name, boolean root, Map<String, ColumnType> columns) {
    public TableSchema {
        columns = Map.copyOf(columns);
    }

    /** The type of {@code column}, or null when the table has no such column. */
    public ColumnType column(String column) {
        return columns.get(column);
    }
}
