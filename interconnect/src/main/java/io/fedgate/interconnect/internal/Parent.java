package io.fedgate.interconnect.internal;

import io.fedgate.interconnect.ovsdb.NamedUuid;
import io.fedgate.interconnect.ovsdb.Row;
import io.fedgate.interconnect.ovsdb.Uuid;

/**
 * The parent of a non-root row: one already in the database ({@code uuid}), or one inserted earlier in the
 * same transaction ({@code named}), so that a router port and its gateway chassis go in one transaction.
 *
 * @param name the parent's name, for change details and the existence check
 */
public record Parent(Uuid uuid, NamedUuid named, String name) {
    public Parent {
        if ((uuid == null) == (named == null)) {
            throw new IllegalArgumentException("a parent is either an existing row or one inserted in this transaction");
        }
    }

    /** A parent already in the database. */
    public static Parent of(Row row, String keyColumn) {
        return new Parent(row.uuid(), null, row.string(keyColumn));
    }

    /** True when the parent is inserted by the same transaction. */
    public boolean isNew() {
        return named != null;
    }

    /** The value referring to the parent inside the transaction. */
    public Object ref() {
        return uuid != null ? uuid : named;
    }
}
