package io.fedgate.interconnect;

/**
 * One row the reconciler wrote.
 *
 * @param database which database: {@code IC-NB}, {@code IC-SB} or {@code <az> NB}
 * @param table    the table, e.g. {@code Logical_Router_Port}
 * @param row      the row's name (or {@code .} for a singleton such as NB_Global)
 * @param kind     created, patched or deleted
 * @param detail   for a patch, which columns changed and how; otherwise empty
 */
public record Change(String database, String table, String row, Kind kind, String detail) {
    /** What was done to the row. */
    public enum Kind { CREATED, PATCHED, DELETED }

    /** {@code az1 NB  patched  NB_Global .  options:ic-route-learn: false -> true}. */
    public String render() {
        return database + "  " + kind.name().toLowerCase(java.util.Locale.ROOT) + "  " + table + " " + row
                + (detail.isEmpty() ? "" : "  " + detail);
    }
}
