package io.fedgate.interconnect.ovsdb;

import java.util.List;
import java.util.Objects;

/**
 * A table the client keeps in its replica: which columns, and optionally which rows ({@code where}, as
 * {@code monitor_cond} takes it; empty means every row).
 */
public record MonitoredTable(String table, List<String> columns, List<Condition> where) {
    public MonitoredTable {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        where = List.copyOf(where);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("monitored table " + table + " needs at least one column");
        }
    }
}
