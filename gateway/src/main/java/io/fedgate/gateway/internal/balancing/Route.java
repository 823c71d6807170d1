package io.fedgate.gateway.internal.balancing;

import java.util.List;
import java.util.Set;

/**
 * The ordered tries for one new connection of an import: the first attempt is the policy's choice, the
 * rest are the next choices used when a connect or stream open fails, before the client sees an error.
 *
 * @param service          the import, {@code namespace/name}
 * @param preferredCluster the cluster the policy would pick with every cluster healthy (null when none)
 * @param preferredRank    every cluster of the best rank with every cluster healthy
 * @param attempts         at most {@link BalancingSettings#maxAttempts()} tries; empty when nothing can serve
 */
public record Route<T extends BalancingTarget>(String service, String preferredCluster, Set<String> preferredRank,
                                               List<Attempt<T>> attempts) {
    public Route {
        preferredRank = Set.copyOf(preferredRank);
        attempts = List.copyOf(attempts);
    }
}
