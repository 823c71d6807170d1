package io.fedgate.interconnect.ovsdb;

import java.util.Map;

/**
 * A database schema as {@code get_schema} returns it, reduced to what a client needs: names, version, and
 * column types.
 */
public record DatabaseSchema(String name, String version, Map<String, TableSchema> tables) {
    /**
     * OVN releases known to ship a schema version, for error messages only ("OVN_Northbound 7.0.0 (OVN 23.03)").
     */
    private static final Map<String, String> KNOWN_RELEASES = Map.of(
            "OVN_Northbound 7.0.0", "OVN 23.03",
            "OVN_Southbound 20.27.0", "OVN 23.03",
            "OVN_IC_Northbound 1.0.0", "OVN 22.03-23.03",
            "OVN_IC_Southbound 1.1.1", "OVN 23.03");

    public DatabaseSchema {
        tables = Map.copyOf(tables);
    }

    /** The table named {@code table}, or null. */
    public TableSchema table(String table) {
        return tables.get(table);
    }

    /** Compares dotted versions: negative, zero or positive as this version is older, equal or newer. */
    public int compareVersion(String other) {
        String[] a = version.split("\\.");
        String[] b = other.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? parsePart(a[i]) : 0;
            int y = i < b.length ? parsePart(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    /** {@code OVN_Northbound 7.0.0 (OVN 23.03)}, or without the release when it is not known. */
    public String describe() {
        String key = name + " " + version;
        String release = KNOWN_RELEASES.get(key);
        return "schema " + key + (release == null ? " (OVN release not known to fedgate)" : " (" + release + ")");
    }

    private static int parsePart(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
