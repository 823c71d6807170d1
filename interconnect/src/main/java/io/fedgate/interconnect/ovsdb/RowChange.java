package io.fedgate.interconnect.ovsdb;

/**
 * One row inserted, modified or deleted in the replica.
 *
 * @param before the row before the change, null for an insert
 * @param after  the row after the change, null for a delete
 */
public record RowChange(Kind kind, String table, Row before, Row after) {
    /** What happened to the row. */
    public enum Kind { INSERTED, MODIFIED, DELETED }

    /** The row's identity. */
    public Uuid uuid() {
        return after != null ? after.uuid() : before.uuid();
    }
}
