package io.fedgate.api.model;

/**
 * Who owns a cluster's OVN interconnection rows (NB_Global route settings, the transit-switch router ports and
 * their gateway chassis, IC-NB's transit switches). Exactly one owner writes them; the other only reads.
 */
public enum InterconnectMode {
    /**
     * Kube-OVN's {@code ovn-ic-controller} owns interconnection; fedgate writes no IC row and only reports
     * what interconnection achieved. The default: it is what a Kube-OVN cluster with {@code enable-ic} runs.
     */
    KUBE_OVN,
    /**
     * fedgate owns interconnection (the hub's transit addresses and denylists); Kube-OVN's IC must be off,
     * and the agent chart may run the {@code ovn-ic} daemon itself.
     */
    FEDGATE;

    /** The spelling of the agent option and chart value: {@code kube-ovn} or {@code fedgate}. */
    public String optionValue() {
        return this == KUBE_OVN ? "kube-ovn" : "fedgate";
    }

    /**
     * Parses {@code kube-ovn} or {@code fedgate}.
     *
     * @throws IllegalArgumentException naming the value when it is neither
     */
    public static InterconnectMode parse(String value) {
        for (InterconnectMode m : values()) {
            if (m.optionValue().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("interconnect mode \"" + value + "\" is neither \"kube-ovn\" nor \"fedgate\"");
    }
}
