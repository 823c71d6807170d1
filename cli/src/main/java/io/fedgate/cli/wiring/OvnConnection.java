package io.fedgate.cli.wiring;

import io.fedgate.interconnect.ReconcilerOptions;
import io.fedgate.interconnect.ovsdb.OvsdbEndpoint;
import io.fedgate.interconnect.ovsdb.OvsdbTls;
import java.util.stream.Collectors;

/**
 * How the agent reaches its cluster's OVN databases: the northbound address ({@code --ovn-nb}), the PEM files for
 * {@code ssl:} addresses (Kube-OVN's {@code kube-ovn-tls} Secret), whether the IC databases that
 * {@code ovn-ic-config} names are reached over {@code ssl:} too, and the cluster router transit switch ports attach to.
 *
 * @param tls       PEM files, or null when every address is {@code tcp:}
 * @param icOverSsl reach IC-NB and IC-SB at {@code ssl:HOST:PORT} instead of {@code tcp:HOST:PORT}
 */
public record OvnConnection(String northbound, OvsdbTls tls, boolean icOverSsl, String clusterRouter) {
    public OvnConnection {
        if (northbound == null || northbound.isBlank()) {
            throw new WiringException("--ovn-nb is required to program the availability zone");
        }
        clusterRouter = clusterRouter == null ? ReconcilerOptions.DEFAULT_CLUSTER_ROUTER : clusterRouter;
        if (icOverSsl && tls == null) {
            throw new WiringException("--ovn-ic-ssl needs --ovn-private-key, --ovn-certificate and --ovn-ca-cert");
        }
    }

    /** Plain TCP to {@code northbound}, Kube-OVN's cluster router. */
    public static OvnConnection tcp(String northbound) {
        return new OvnConnection(northbound, null, false, null);
    }

    /** {@code endpoints} ({@code tcp:HOST:PORT,...} as {@code ovn-ic-config} gives them) in the transport to use. */
    String icAddress(String endpoints) {
        if (!icOverSsl) {
            return endpoints;
        }
        return OvsdbEndpoint.parseList(endpoints).stream()
                .map(e -> new OvsdbEndpoint(OvsdbEndpoint.Transport.SSL, e.host(), e.port()).toString())
                .collect(Collectors.joining(","));
    }
}
