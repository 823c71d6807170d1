package io.fedgate.hub.internal.state;

import java.io.Serializable;

/**
 * A cluster's inventory as the hub holds it: the canonical JSON of the last accepted snapshot plus the few
 * facts listings need without decoding it.
 *
 * @param generation      the agent's generation number
 * @param updatedAtMillis when the hub accepted it
 * @param region          the cluster's region, null when not reported
 * @param network         the network kind's wire name
 * @param exports         how many services it exports
 * @param json            {@code FederationCodecs.clusterInventory()} encoding
 */
public record StoredInventory(long generation, long updatedAtMillis, String region, String network, int exports,
                              byte[] json) implements Serializable {
    private static final long serialVersionUID = 1L;
}
