package io.fedgate.interconnect.ovsdb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One operation of a {@code transact} request (RFC 7047 section 5.2). Build them with the static factories
 * and the {@code with...} methods; every record is immutable.
 *
 * <pre>{@code
 * Operation.insert("Transit_Switch").with("name", "ts").uuidName("ts0")
 * Operation.update("NB_Global", List.of()).with("name", "az1")
 * Operation.mutate("Logical_Router", List.of(Condition.eq("name", "ovn-cluster")))
 *          .with(Mutation.insert("ports", OvsdbValues.set(new NamedUuid("lrp0"))))
 * }</pre>
 */
public sealed interface Operation {

    /** The operation's name on the wire. */
    String op();

    /** A short description for error messages: {@code insert into Transit_Switch}. */
    String describe();

    /** Starts an insert into {@code table}. */
    static Insert insert(String table) {
        return new Insert(table, Map.of(), null);
    }

    /** A select of {@code columns} (all when empty) from rows matching {@code where}. */
    static Select select(String table, List<Condition> where, List<String> columns) {
        return new Select(table, where, columns);
    }

    /** Starts an update of the rows matching {@code where}. */
    static Update update(String table, List<Condition> where) {
        return new Update(table, where, Map.of());
    }

    /** Starts a mutate of the rows matching {@code where}. */
    static Mutate mutate(String table, List<Condition> where) {
        return new Mutate(table, where, List.of());
    }

    /** Deletes the rows matching {@code where}. */
    static Delete delete(String table, List<Condition> where) {
        return new Delete(table, where);
    }

    /** Adds a row to a map (copy), for the records' {@code with} methods. */
    private static Map<String, Object> plus(Map<String, Object> row, String column, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.put(Objects.requireNonNull(column), Objects.requireNonNull(value, column));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** {@code insert}: a new row; {@code uuidName} lets later operations refer to it. */
    record Insert(String table, Map<String, Object> row, String uuidName) implements Operation {
        public Insert {
            Objects.requireNonNull(table, "table");
            row = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(row));
            if (uuidName != null) {
                new NamedUuid(uuidName);
            }
        }

        /** This insert with {@code column = value}. */
        public Insert with(String column, Object value) {
            return new Insert(table, plus(row, column, value), uuidName);
        }

        /** This insert with every entry of {@code columns}. */
        public Insert withAll(Map<String, Object> columns) {
            Insert out = this;
            for (Map.Entry<String, Object> e : columns.entrySet()) {
                out = out.with(e.getKey(), e.getValue());
            }
            return out;
        }

        /** This insert, named for reference by {@link NamedUuid} in later operations. */
        public Insert uuidName(String name) {
            return new Insert(table, row, name);
        }

        @Override
        public String op() {
            return "insert";
        }

        @Override
        public String describe() {
            return "insert into " + table + (row.containsKey("name") ? " (name=" + row.get("name") + ")" : "");
        }
    }

    /** {@code select}. */
    record Select(String table, List<Condition> where, List<String> columns) implements Operation {
        public Select {
            Objects.requireNonNull(table, "table");
            where = List.copyOf(where);
            columns = List.copyOf(columns);
        }

        @Override
        public String op() {
            return "select";
        }

        @Override
        public String describe() {
            return "select from " + table + " where " + where;
        }
    }

    /** {@code update}: sets the given columns of every matching row. */
    record Update(String table, List<Condition> where, Map<String, Object> row) implements Operation {
        public Update {
            Objects.requireNonNull(table, "table");
            where = List.copyOf(where);
            row = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(row));
        }

        /** This update also setting {@code column = value}. */
        public Update with(String column, Object value) {
            return new Update(table, where, plus(row, column, value));
        }

        @Override
        public String op() {
            return "update";
        }

        @Override
        public String describe() {
            return "update " + table + " where " + where + " set " + row.keySet();
        }
    }

    /** {@code mutate}: applies mutations to every matching row. */
    record Mutate(String table, List<Condition> where, List<Mutation> mutations) implements Operation {
        public Mutate {
            Objects.requireNonNull(table, "table");
            where = List.copyOf(where);
            mutations = List.copyOf(mutations);
        }

        /** This mutate with one more mutation, applied after the earlier ones. */
        public Mutate with(Mutation mutation) {
            List<Mutation> out = new ArrayList<>(mutations);
            out.add(mutation);
            return new Mutate(table, where, out);
        }

        @Override
        public String op() {
            return "mutate";
        }

        @Override
        public String describe() {
            return "mutate " + table + " where " + where;
        }
    }

    /** {@code delete}. */
    record Delete(String table, List<Condition> where) implements Operation {
        public Delete {
            Objects.requireNonNull(table, "table");
            where = List.copyOf(where);
        }

        @Override
        public String op() {
            return "delete";
        }

        @Override
        public String describe() {
            return "delete from " + table + " where " + where;
        }
    }

    /**
     * {@code wait}: holds the transaction until the selected {@code columns} of the rows matching
     * {@code where} are ({@code equal}) or are not equal to {@code rows}, or fails after {@code timeoutMillis}
     * (0: check once, now).
     */
    record Wait(String table, List<Condition> where, List<String> columns, boolean equal,
                List<Map<String, Object>> rows, long timeoutMillis) implements Operation {
        public Wait {
            Objects.requireNonNull(table, "table");
            where = List.copyOf(where);
            columns = List.copyOf(columns);
            rows = rows.stream().map(r -> (Map<String, Object>) java.util.Collections.unmodifiableMap(new LinkedHashMap<>(r)))
                    .toList();
            if (timeoutMillis < 0) {
                throw new IllegalArgumentException("wait timeoutMillis (" + timeoutMillis + ") must be >= 0");
            }
        }

        /** Fails the transaction at once unless the rows matching {@code where} have exactly these {@code rows}. */
        public static Wait untilEqual(String table, List<Condition> where, List<String> columns,
                                      List<Map<String, Object>> rows) {
            return new Wait(table, where, columns, true, rows, 0);
        }

        @Override
        public String op() {
            return "wait";
        }

        @Override
        public String describe() {
            return "wait on " + table + " where " + where;
        }
    }

    /** {@code commit}: with {@code durable}, the reply waits until the change is on disk. */
    record Commit(boolean durable) implements Operation {
        @Override
        public String op() {
            return "commit";
        }

        @Override
        public String describe() {
            return "commit";
        }
    }

    /** {@code abort}: fails the transaction on purpose. */
    record Abort() implements Operation {
        @Override
        public String op() {
            return "abort";
        }

        @Override
        public String describe() {
            return "abort";
        }
    }

    /** {@code comment}: text the server writes to its log with the transaction. */
    record Comment(String comment) implements Operation {
        public Comment {
            Objects.requireNonNull(comment, "comment");
        }

        @Override
        public String op() {
            return "comment";
        }

        @Override
        public String describe() {
            return "comment";
        }
    }

    /** {@code assert}: fails the transaction unless this session owns {@code lock}. */
    record Assert(String lock) implements Operation {
        public Assert {
            Objects.requireNonNull(lock, "lock");
        }

        @Override
        public String op() {
            return "assert";
        }

        @Override
        public String describe() {
            return "assert lock " + lock;
        }
    }
}
