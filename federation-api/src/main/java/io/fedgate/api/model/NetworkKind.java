package io.fedgate.api.model;

/** What the cluster's CNI is, as far as path selection cares. */
public enum NetworkKind {
    /** Kube-OVN with overlay subnets: can join others through OVN-IC. */
    KUBE_OVN_OVERLAY,
    /** Kube-OVN with pods on physical VLANs the data-centre fabric routes. */
    KUBE_OVN_UNDERLAY,
    /** Any other CNI: only gateways can reach it. */
    OTHER
}
