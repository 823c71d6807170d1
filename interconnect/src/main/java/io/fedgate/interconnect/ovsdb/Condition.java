package io.fedgate.interconnect.ovsdb;

import java.util.Objects;

/**
 * One clause of a {@code where}: {@code [column, function, value]}.
 */
public record Condition(String column, Function function, Object value) {
    /** The comparison functions of RFC 7047 section 5.1. */
    public enum Function {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), INCLUDES("includes"), EXCLUDES("excludes");

        private final String wire;

        Function(String wire) {
            this.wire = wire;
        }

        /** The function as written on the wire. */
        public String wire() {
            return wire;
        }
    }

    public Condition {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(value, "value");
    }

    /** {@code column == value}. */
    public static Condition eq(String column, Object value) {
        return new Condition(column, Function.EQ, value);
    }

    /** {@code column != value}. */
    public static Condition ne(String column, Object value) {
        return new Condition(column, Function.NE, value);
    }

    /** {@code column includes value} (set or map containment). */
    public static Condition includes(String column, Object value) {
        return new Condition(column, Function.INCLUDES, value);
    }

    /** {@code column excludes value}. */
    public static Condition excludes(String column, Object value) {
        return new Condition(column, Function.EXCLUDES, value);
    }

    /** {@code _uuid == uuid}: selects one row. */
    public static Condition uuidIs(Uuid uuid) {
        return eq("_uuid", uuid);
    }

    @Override
    public String toString() {
        return column + " " + function.wire() + " " + value;
    }
}
