package io.fedgate.api.pki;

import io.fedgate.api.pki.internal.DnsNames;
import java.net.URI;

/**
 * A fedgate SPIFFE id: either a {@link ClusterIdentity} ({@code spiffe://<clusterset>/cluster/<id>/<component>})
 * or an {@link AdminIdentity} ({@code spiffe://<clusterset>/admin/<name>}). The trust domain is the cluster
 * set. {@link #toString()} is the URI form, so identities read naturally in log lines.
 */
public sealed interface SpiffeId permits ClusterIdentity, AdminIdentity {

    /** Longest SPIFFE id accepted (the SPIFFE spec's limit), checked before any other parsing. */
    int MAX_LENGTH = 2048;
    /** The URI scheme. */
    String SCHEME_PREFIX = "spiffe://";

    /** The cluster set, which is the SPIFFE trust domain. */
    String clusterSet();

    /** The URI form, e.g. {@code spiffe://finance/cluster/east/agent}. */
    default URI uri() {
        return URI.create(toString());
    }

    /** The trust domain's own id, {@code spiffe://<clusterset>}, as carried by the CA certificate. */
    default String trustDomainId() {
        return trustDomainId(clusterSet());
    }

    /** {@code spiffe://<clusterSet>}. */
    static String trustDomainId(String clusterSet) {
        return SCHEME_PREFIX + requireClusterSet(clusterSet);
    }

    /** The identity of {@code component} in cluster {@code clusterId} of {@code clusterSet}. */
    static ClusterIdentity cluster(String clusterSet, String clusterId, Component component) {
        return new ClusterIdentity(clusterSet, clusterId, component);
    }

    /** The identity of the operator {@code name} in {@code clusterSet}. */
    static AdminIdentity admin(String clusterSet, String name) {
        return new AdminIdentity(clusterSet, name);
    }

    /**
     * Parses the URI form.
     *
     * @throws IllegalArgumentException quoting the text and saying which part is wrong, e.g.
     *     {@code "spiffe://x/cluster/Bad_Id/agent": cluster id "Bad_Id" is not a DNS-1123 label}
     */
    static SpiffeId parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("null is not a SPIFFE id");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("SPIFFE id of " + text.length() + " characters is longer than "
                    + MAX_LENGTH);
        }
        String quoted = "\"" + text + "\": ";
        if (!text.startsWith(SCHEME_PREFIX)) {
            throw new IllegalArgumentException(quoted + "does not start with " + SCHEME_PREFIX);
        }
        String rest = text.substring(SCHEME_PREFIX.length());
        int slash = rest.indexOf('/');
        String clusterSet = slash < 0 ? rest : rest.substring(0, slash);
        if (!DnsNames.isSubdomain(clusterSet)) {
            throw new IllegalArgumentException(quoted + "cluster set \"" + clusterSet
                    + "\" is not a DNS-1123 subdomain");
        }
        String[] path = slash < 0 ? new String[0] : rest.substring(slash + 1).split("/", -1);
        try {
            if (path.length == 3 && path[0].equals(ClusterIdentity.PATH_PREFIX)) {
                return new ClusterIdentity(clusterSet, path[1], Component.parse(path[2]));
            }
            if (path.length == 2 && path[0].equals(AdminIdentity.PATH_PREFIX)) {
                return new AdminIdentity(clusterSet, path[1]);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(quoted + e.getMessage(), e);
        }
        throw new IllegalArgumentException(quoted + "path must be /" + ClusterIdentity.PATH_PREFIX
                + "/<cluster-id>/<" + Component.allIds().replace(", ", "|") + "> or /"
                + AdminIdentity.PATH_PREFIX + "/<name>");
    }

    /** Returns {@code clusterSet} when it is a DNS-1123 subdomain; otherwise throws naming the value. */
    static String requireClusterSet(String clusterSet) {
        if (!DnsNames.isSubdomain(clusterSet)) {
            throw new IllegalArgumentException("cluster set \"" + clusterSet + "\" is not a DNS-1123 subdomain");
        }
        return clusterSet;
    }
}
