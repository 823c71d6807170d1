package io.fedgate.gateway;

import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.TlsMaterial;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Set;

/**
 * What one gateway replica is and where it listens.
 *
 * @param clusterId            the cluster this gateway belongs to; its certificate must be this cluster's gateway
 * @param name                 this replica's name (for logs; peers know it from their plan's gateway endpoints)
 * @param tls                  key, certificate and trust anchors ({@code --cert DIR})
 * @param listenAddress        where import listeners bind
 * @param listenerPorts        the port range import listeners are assigned from
 * @param tunnelAddress        where peer gateways dial this one (port 0: any free port)
 * @param adminAddress         plain-HTTP {@code /metrics}, {@code /healthz}, {@code /readyz} (port 0: any)
 * @param proxyProtocolImports imports whose backends get a PROXY protocol v2 header from this gateway
 * @param tuning               timings and thresholds
 */
public record GatewayConfig(String clusterId, String name, TlsMaterial tls, InetAddress listenAddress,
                            GatewayListenerPorts listenerPorts, InetSocketAddress tunnelAddress,
                            InetSocketAddress adminAddress, Set<ServiceKey> proxyProtocolImports, GatewayTuning tuning) {

    /** @throws GatewayException when the certificate is not this cluster's gateway certificate */
    public GatewayConfig {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(listenerPorts, "listenerPorts");
        Objects.requireNonNull(tunnelAddress, "tunnelAddress");
        Objects.requireNonNull(adminAddress, "adminAddress");
        proxyProtocolImports = proxyProtocolImports == null ? Set.of() : Set.copyOf(proxyProtocolImports);
        Objects.requireNonNull(tuning, "tuning");
        requireGatewayOf(clusterId, tls);
    }

    /** @throws GatewayException when {@code tls} is not the certificate of {@code clusterId}'s gateway */
    static void requireGatewayOf(String clusterId, TlsMaterial tls) {
        SpiffeId own = tls.identity();
        if (!(own instanceof ClusterIdentity) || !((ClusterIdentity) own).clusterId().equals(clusterId)
                || ((ClusterIdentity) own).component() != Component.GATEWAY) {
            throw new GatewayException("certificate is " + own + ", expected the gateway of cluster " + clusterId);
        }
    }
}
