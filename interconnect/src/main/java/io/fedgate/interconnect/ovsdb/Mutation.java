package io.fedgate.interconnect.ovsdb;

import java.util.Objects;

/**
 * One clause of a {@code mutate} operation: {@code [column, mutator, value]}.
 */
public record Mutation(String column, Mutator mutator, Object value) {
    /** The mutators of RFC 7047 section 5.1. */
    public enum Mutator {
        ADD("+="), SUBTRACT("-="), MULTIPLY("*="), DIVIDE("/="), MODULO("%="), INSERT("insert"), DELETE("delete");

        private final String wire;

        Mutator(String wire) {
            this.wire = wire;
        }

        /** The mutator as written on the wire. */
        public String wire() {
            return wire;
        }
    }

    public Mutation {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(mutator, "mutator");
        Objects.requireNonNull(value, "value");
    }

    /** Adds elements (a set) or entries (a map; keys already present keep their value). */
    public static Mutation insert(String column, Object value) {
        return new Mutation(column, Mutator.INSERT, value);
    }

    /** Removes elements, or map entries by key (a set of keys) or by key and value (a map). */
    public static Mutation delete(String column, Object value) {
        return new Mutation(column, Mutator.DELETE, value);
    }

    /** Adds to an integer or real column. */
    public static Mutation add(String column, Object value) {
        return new Mutation(column, Mutator.ADD, value);
    }
}
