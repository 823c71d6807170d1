package io.fedgate.agent;

import java.util.List;

/**
 * What {@code /healthz} and {@code /readyz} answer.
 *
 * @param live    the agent's thread runs (liveness: restart the pod when false)
 * @param ready   the MCS CRDs are served, the informer caches synced and the plan watch is live
 * @param reasons why it is not ready, one sentence each; empty when ready
 */
public record AgentHealth(boolean live, boolean ready, List<String> reasons) {
    public AgentHealth {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
