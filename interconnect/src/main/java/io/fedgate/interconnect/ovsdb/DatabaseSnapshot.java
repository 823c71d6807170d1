package io.fedgate.interconnect.ovsdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An immutable view of the monitored tables at one point in time. Safe to read from any thread.
 */
public final class DatabaseSnapshot {
    private final Map<String, Map<Uuid, Row>> tables;

    /** Wraps already-immutable table maps (the replica builds them). */
    public DatabaseSnapshot(Map<String, Map<Uuid, Row>> tables) {
        this.tables = Map.copyOf(tables);
    }

    /** An empty snapshot. */
    public static DatabaseSnapshot empty() {
        return new DatabaseSnapshot(Map.of());
    }

    /** The names of the tables this snapshot holds. */
    public Collection<String> tableNames() {
        return tables.keySet();
    }

    /** All rows of {@code table}; empty when the table is not monitored. */
    public Collection<Row> rows(String table) {
        return tables.getOrDefault(table, Map.of()).values();
    }

    /** The row of {@code table} with identity {@code uuid}. */
    public Optional<Row> row(String table, Uuid uuid) {
        return Optional.ofNullable(tables.getOrDefault(table, Map.of()).get(uuid));
    }

    /** The rows of {@code table} whose {@code column} equals {@code value}. */
    public List<Row> find(String table, String column, Object value) {
        return find(table, r -> Objects.equals(r.get(column), value));
    }

    /** The rows of {@code table} matching {@code filter}. */
    public List<Row> find(String table, Predicate<Row> filter) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows(table)) {
            if (filter.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The first row of {@code table} whose {@code column} equals {@code value}. */
    public Optional<Row> findFirst(String table, String column, Object value) {
        for (Row r : rows(table)) {
            if (Objects.equals(r.get(column), value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Number of rows in {@code table}. */
    public int size(String table) {
        return tables.getOrDefault(table, Map.of()).size();
    }
}
