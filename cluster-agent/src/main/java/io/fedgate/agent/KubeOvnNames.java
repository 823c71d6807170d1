package io.fedgate.agent;

import java.util.regex.Pattern;

/**
 * The names Kube-OVN was installed with, as its controller's {@code --cluster-router} and
 * {@code --node-switch} take them.
 *
 * @param clusterRouter the default VPC and its logical router ({@code ovn-cluster}): subnets of other VPCs are
 *                      not on the router OVN-IC advertises
 * @param joinSubnet    the join (node) subnet ({@code join}), reported as the cluster's join CIDRs
 */
public record KubeOvnNames(String clusterRouter, String joinSubnet) {
    // before DEFAULTS, whose construction uses it
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    /** Kube-OVN's default VPC and cluster router. */
    public static final String DEFAULT_CLUSTER_ROUTER = "ovn-cluster";
    /** Kube-OVN's default join subnet. */
    public static final String DEFAULT_JOIN_SUBNET = "join";
    /** Kube-OVN's own defaults. */
    public static final KubeOvnNames DEFAULTS = new KubeOvnNames(DEFAULT_CLUSTER_ROUTER, DEFAULT_JOIN_SUBNET);

    public KubeOvnNames {
        check("clusterRouter", clusterRouter);
        check("joinSubnet", joinSubnet);
    }

    private static void check(String what, String name) {
        if (name == null || name.length() > 253 || !NAME.matcher(name).matches()) {
            throw new AgentConfigException(what + ": " + (name == null ? "null" : "\"" + name + "\"")
                    + " is not a Kubernetes object name (DNS-1123 subdomain)");
        }
    }
}
