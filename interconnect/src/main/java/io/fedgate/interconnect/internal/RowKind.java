package io.fedgate.interconnect.internal;

/**
 * A kind of row the reconcilers write: its table and the column naming it; for non-root tables also the
 * parent's table, the reference column that holds it (a row there lives only while referenced) and the
 * column naming the parent.
 */
public record RowKind(String table, String keyColumn, String parentTable, String parentColumn, String parentKeyColumn) {
    /** IC-NB transit switches (root). */
    public static final RowKind TRANSIT_SWITCH = root("Transit_Switch", "name");
    /** AZ router ports, referenced from Logical_Router.ports. */
    public static final RowKind ROUTER_PORT = child("Logical_Router_Port", "Logical_Router", "ports");
    /** Transit switch ports, referenced from Logical_Switch.ports. */
    public static final RowKind SWITCH_PORT = child("Logical_Switch_Port", "Logical_Switch", "ports");
    /** Gateway chassis of a router port, referenced from Logical_Router_Port.gateway_chassis. */
    public static final RowKind GATEWAY_CHASSIS = child("Gateway_Chassis", "Logical_Router_Port", "gateway_chassis");
    /** Routes in a router, referenced from Logical_Router.static_routes (ovn-ic writes the learned ones). */
    public static final RowKind STATIC_ROUTE = new RowKind("Logical_Router_Static_Route", "ip_prefix",
            "Logical_Router", "static_routes", "name");

    /** A root table whose rows are named by {@code keyColumn}. */
    public static RowKind root(String table, String keyColumn) {
        return new RowKind(table, keyColumn, null, null, null);
    }

    private static RowKind child(String table, String parentTable, String parentColumn) {
        return new RowKind(table, "name", parentTable, parentColumn, "name");
    }

    /** True when rows of this kind live only while a parent references them. */
    public boolean hasParent() {
        return parentTable != null;
    }
}
