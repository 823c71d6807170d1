package io.fedgate.hubclient.protocol;

import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.PlanDelta;
import io.fedgate.api.model.ServiceImport;
import java.util.List;

/**
 * One line of a plan watch stream ({@code GET /v1/clusters/{id}/plan?watch=true&fromVersion=N}).
 *
 * <ul>
 *   <li>{@value #RESYNC}: the plan at {@code version}, replacing whatever the client had: the first event of a
 *       watch from version 0, and the answer when the versions after {@code fromVersion} are no longer all in
 *       the hub's history (the client was too far behind, or the hub lost its history);</li>
 *   <li>{@value #DELTA}: what changed from {@code version - 1} to {@code version}; a stream sends every version
 *       after {@code fromVersion} in order, none skipped, so a client holding the plan at
 *       {@code fromVersion} applies them in turn;</li>
 *   <li>{@value #IMPORTS}: more imports of the {@value #RESYNC} or {@value #DELTA} just before it (same
 *       version): a large plan is sent over several lines of at most
 *       {@link io.fedgate.api.codec.ModelReaders#DEFAULT_MAX_IMPORTS} imports each, so no line is huge;</li>
 *   <li>{@value #PLAN}: a whole plan in sequence (earlier hubs; still understood);</li>
 *   <li>{@value #HEARTBEAT}: no plan; {@code version} is the newest the hub knows (0 if none). Sent every
 *       few seconds so a client can tell a quiet stream from a dead one.</li>
 * </ul>
 *
 * @param plan      the plan of a {@value #RESYNC} or {@value #PLAN}, else null
 * @param delta     the change of a {@value #DELTA}, else null
 * @param imports   the imports of an {@value #IMPORTS} line, else empty
 * @param remaining how many {@value #IMPORTS} lines follow this one for the same version; the version is
 *                  complete when it reaches 0
 */
public record PlanEvent(String type, long version, ClusterPlan plan, PlanDelta delta, List<ServiceImport> imports,
                        int remaining) {
    /** A whole plan version in sequence. */
    public static final String PLAN = "PLAN";
    /** The current plan, replacing everything before it. */
    public static final String RESYNC = "RESYNC";
    /** The change to the next version. */
    public static final String DELTA = "DELTA";
    /** More imports of the version being sent. */
    public static final String IMPORTS = "IMPORTS";
    /** The stream is alive. */
    public static final String HEARTBEAT = "HEARTBEAT";
    /** Every event type. */
    public static final List<String> TYPES = List.of(PLAN, RESYNC, DELTA, IMPORTS, HEARTBEAT);

    public PlanEvent {
        imports = imports == null ? List.of() : List.copyOf(imports);
    }

    /** A whole-plan or heartbeat event, in one line. */
    public PlanEvent(String type, long version, ClusterPlan plan) {
        this(type, version, plan, null, List.of(), 0);
    }

    /** True for {@link #PLAN}, {@link #RESYNC}, {@link #DELTA} and {@link #IMPORTS}. */
    public boolean carriesPlan() {
        return plan != null || delta != null || IMPORTS.equals(type);
    }
}
