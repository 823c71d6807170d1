package io.fedgate.api.pki;

import io.fedgate.api.pki.internal.DnsNames;

/**
 * An operator of the cluster set, as used by {@code fedgate ctl}: {@code spiffe://<clusterSet>/admin/<name>}.
 * The {@code admin} path segment keeps it apart from every {@link ClusterIdentity}, whatever the cluster is
 * called.
 *
 * @param clusterSet the cluster set (trust domain), a DNS-1123 subdomain
 * @param name the operator's name, a DNS-1123 label
 */
public record AdminIdentity(String clusterSet, String name) implements SpiffeId {

    /** First path segment of an admin identity. */
    public static final String PATH_PREFIX = "admin";

    /** @throws IllegalArgumentException naming the field and value that is not allowed */
    public AdminIdentity {
        SpiffeId.requireClusterSet(clusterSet);
        if (!DnsNames.isLabel(name)) {
            throw new IllegalArgumentException("admin name \"" + name + "\" is not a DNS-1123 label");
        }
    }

    @Override
    public String toString() {
        return SCHEME_PREFIX + clusterSet + "/" + PATH_PREFIX + "/" + name;
    }
}
