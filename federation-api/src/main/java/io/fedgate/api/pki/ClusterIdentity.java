package io.fedgate.api.pki;

import io.fedgate.api.pki.internal.DnsNames;
import java.util.Objects;

/**
 * A component of a member cluster: {@code spiffe://<clusterSet>/cluster/<clusterId>/<component>}.
 *
 * @param clusterSet the cluster set (trust domain), a DNS-1123 subdomain
 * @param clusterId the member cluster, a DNS-1123 label
 * @param component which fedgate component in that cluster
 */
public record ClusterIdentity(String clusterSet, String clusterId, Component component) implements SpiffeId {

    /** First path segment of a cluster identity. */
    public static final String PATH_PREFIX = "cluster";

    /** @throws IllegalArgumentException naming the field and value that is not allowed */
    public ClusterIdentity {
        SpiffeId.requireClusterSet(clusterSet);
        if (!DnsNames.isLabel(clusterId)) {
            throw new IllegalArgumentException("cluster id \"" + clusterId + "\" is not a DNS-1123 label");
        }
        Objects.requireNonNull(component, "component");
    }

    @Override
    public String toString() {
        return SCHEME_PREFIX + clusterSet + "/" + PATH_PREFIX + "/" + clusterId + "/" + component.id();
    }
}
