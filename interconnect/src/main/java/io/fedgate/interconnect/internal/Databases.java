package io.fedgate.interconnect.internal;

import io.fedgate.interconnect.ovsdb.OvsdbClientConfig;
import io.fedgate.interconnect.ovsdb.OvsdbEndpoint;
import io.fedgate.interconnect.ovsdb.OvsdbEventLoop;
import io.fedgate.interconnect.ovsdb.OvsdbTls;
import java.time.Duration;
import java.util.List;

/** The tables and columns each database client monitors, and so requires of the server's schema. */
public final class Databases {
    /** IC-NB's database name. */
    public static final String IC_NB = "OVN_IC_Northbound";
    /** IC-SB's database name. */
    public static final String IC_SB = "OVN_IC_Southbound";
    /** An AZ NB's database name. */
    public static final String NB = "OVN_Northbound";
    /** An AZ SB's database name. */
    public static final String SB = "OVN_Southbound";
    /** The OVSDB lock an active ovn-ic holds on its AZ's SB (its standbys wait for it). */
    public static final String OVN_IC_LOCK = "ovn_ic";

    private Databases() {
    }

    /** IC-NB: the transit switches. */
    public static OvsdbClientConfig icNb(List<OvsdbEndpoint> endpoints, OvsdbTls tls, OvsdbEventLoop loop,
                                         Duration requestTimeout) {
        return base(IC_NB, endpoints, "IC-NB", tls, loop, requestTimeout)
                .monitor("Transit_Switch", "name", "external_ids", "other_config")
                .build();
    }

    /** IC-SB: what ovn-ic registered per AZ (read by status and removed by leave). */
    public static OvsdbClientConfig icSb(List<OvsdbEndpoint> endpoints, OvsdbTls tls, OvsdbEventLoop loop,
                                         Duration requestTimeout) {
        return base(IC_SB, endpoints, "IC-SB", tls, loop, requestTimeout)
                .monitor("Availability_Zone", "name")
                .monitor("Gateway", "name", "availability_zone")
                .monitor("Port_Binding", "logical_port", "transit_switch", "availability_zone", "address", "gateway")
                .monitor("Route", "transit_switch", "availability_zone", "ip_prefix", "nexthop", "origin")
                .build();
    }

    /** An AZ NB: zone settings, the router and its ports, transit switches and their ports, routes. */
    public static OvsdbClientConfig nb(String zone, List<OvsdbEndpoint> endpoints, OvsdbTls tls, OvsdbEventLoop loop,
                                       Duration requestTimeout) {
        return base(NB, endpoints, zone + " NB", tls, loop, requestTimeout)
                // external_ids: the ovn-ic nudge counter must be seen to be bumped; unseen, every nudge rewrote
                // the same value, which changes nothing and so wakes no one
                .monitor("NB_Global", "name", "options", "external_ids")
                .monitor("Logical_Router", "name", "ports", "static_routes")
                .monitor("Logical_Router_Port", "name", "mac", "networks", "gateway_chassis", "external_ids")
                .monitor("Gateway_Chassis", "name", "chassis_name", "priority", "external_ids")
                .monitor("Logical_Switch", "name", "ports", "other_config")
                .monitor("Logical_Switch_Port", "name", "type", "addresses", "options", "external_ids")
                .monitor("Logical_Router_Static_Route", "ip_prefix", "nexthop", "route_table", "options", "external_ids")
                .build();
    }

    /** An AZ SB, only to see whether an ovn-ic daemon holds its lock: one small table is monitored. */
    public static OvsdbClientConfig sb(String zone, List<OvsdbEndpoint> endpoints, OvsdbTls tls, OvsdbEventLoop loop,
                                       Duration requestTimeout) {
        return base(SB, endpoints, zone + " SB", tls, loop, requestTimeout).monitor("SB_Global", "nb_cfg").build();
    }

    private static OvsdbClientConfig.Builder base(String db, List<OvsdbEndpoint> endpoints, String label, OvsdbTls tls,
                                                  OvsdbEventLoop loop, Duration requestTimeout) {
        return OvsdbClientConfig.builder(db, endpoints).label(label).tls(tls).eventLoop(loop)
                .requestTimeout(requestTimeout);
    }
}
