package io.fedgate.hub.internal.state;

import java.io.Serializable;

/**
 * One plan version of one cluster, as held in the current-plan map and in the per-cluster history.
 *
 * @param version the plan version, from 1
 * @param digest  SHA-256 (hex) of the plan's encoding at version 0: equal content, equal digest
 * @param json    the plan at {@code version}, {@code FederationCodecs.clusterPlan()} encoding
 */
public record StoredPlan(long version, String digest, byte[] json) implements Serializable {
    private static final long serialVersionUID = 1L;
}
