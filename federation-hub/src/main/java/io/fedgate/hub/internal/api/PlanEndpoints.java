package io.fedgate.hub.internal.api;

import io.fedgate.api.codec.Range;
import io.fedgate.hub.internal.access.Operation;
import io.fedgate.hub.internal.replan.PlanFeed;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/clusters/{id}/plan} (current plan, or with {@code watch=true} a {@link PlanStream}) and
 * {@code GET /v1/plans/{id}}.
 */
final class PlanEndpoints {
    private final HubServices hub;
    private final Requests requests;

    PlanEndpoints(HubServices hub, Requests requests) {
        this.hub = hub;
        this.requests = requests;
    }

    /** The current plan, 404 when the cluster has none yet. */
    Reply current(RoutingContext ctx) {
        String clusterId = Requests.clusterId(ctx);
        requests.authorize(ctx, Operation.READ_PLAN, clusterId);
        PlanFeed.Snapshot plan;
        try {
            plan = hub.feed().snapshot(clusterId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the plan of cluster " + clusterId, e);
        }
        if (plan == null) {
            throw ApiException.notFound("no plan for cluster " + clusterId + " yet (is its inventory in?)");
        }
        return Requests.rawJson(plan.json());
    }

    /** True when the request asks for a watch; validates its parameters. */
    static boolean isWatch(RoutingContext ctx) {
        return Requests.booleanParam(ctx, "watch");
    }

    /** Authorizes a watch (on a worker): the version to start after. */
    long authorizeWatch(RoutingContext ctx) {
        String clusterId = Requests.clusterId(ctx);
        long from = Requests.longParam(ctx, "fromVersion", 0, Range.NON_NEGATIVE);
        requests.authorize(ctx, Operation.READ_PLAN, clusterId);
        return from;
    }

    /** Starts streaming (on the request's context). */
    void startWatch(RoutingContext ctx, Context context, long fromVersion) {
        new PlanStream(ctx.vertx(), context, ctx.response(), hub.feed(), Requests.clusterId(ctx), fromVersion)
                .start(hub.config().watchHeartbeatInterval().toMillis());
    }
}
