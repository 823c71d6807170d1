package io.fedgate.hubclient.protocol;

import io.fedgate.api.model.ClusterPlan;
import java.util.List;

/**
 * One line of a plan watch stream ({@code GET /v1/clusters/{id}/plan?watch=true&fromVersion=N}).
 *
 * <ul>
 *   <li>{@value #PLAN}: the plan at {@code version}; a stream sends every version after {@code fromVersion}
 *       in order, none skipped;</li>
 *   <li>{@value #RESYNC}: the current plan, sent instead when the versions after {@code fromVersion} are no
 *       longer all in the hub's history (the client was too far behind, or the hub lost its history);
 *       the client replaces whatever it had;</li>
 *   <li>{@value #HEARTBEAT}: no plan; {@code version} is the newest the hub knows (0 if none). Sent every
 *       few seconds so a client can tell a quiet stream from a dead one.</li>
 * </ul>
 *
 * @param plan null for heartbeats
 */
public record PlanEvent(String type, long version, ClusterPlan plan) {
    /** A plan version in sequence. */
    public static final String PLAN = "PLAN";
    /** The current plan, replacing everything before it. */
    public static final String RESYNC = "RESYNC";
    /** The stream is alive. */
    public static final String HEARTBEAT = "HEARTBEAT";
    /** Every event type. */
    public static final List<String> TYPES = List.of(PLAN, RESYNC, HEARTBEAT);

    /** True for {@link #PLAN} and {@link #RESYNC}. */
    public boolean carriesPlan() {
        return plan != null;
    }
}
