package io.fedgate.interconnect;

import java.util.List;

/**
 * A row fedgate would write exists without fedgate's owner marker: another owner (Kube-OVN's ovn-ic-controller,
 * an operator) wrote it, so fedgate leaves it as it is and writes nothing in that pass.
 */
public final class ForeignRowException extends InterconnectException {
    private final String database;
    private final String table;
    private final String name;
    private final List<String> differences;

    /**
     * @param differences the columns that differ from what fedgate wants, as {@code column: found -> wanted}
     */
    public ForeignRowException(String database, String table, String name, List<String> differences) {
        super(database + ": " + table + " \"" + name + "\" was not written by fedgate (no external_ids:"
                + "fedgate.io/owner=fedgate); left as it is, nothing written. Differs in: "
                + String.join("; ", differences));
        this.database = database;
        this.table = table;
        this.name = name;
        this.differences = List.copyOf(differences);
    }

    /** The database, e.g. {@code az1 NB}. */
    public String database() {
        return database;
    }

    /** The table, e.g. {@code Logical_Router_Port}. */
    public String table() {
        return table;
    }

    /** The row's name. */
    public String name() {
        return name;
    }

    /** What differs, {@code column: found -> wanted}. */
    public List<String> differences() {
        return differences;
    }
}
