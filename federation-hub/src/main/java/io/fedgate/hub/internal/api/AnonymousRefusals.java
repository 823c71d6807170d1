package io.fedgate.hub.internal.api;

import io.fedgate.hub.internal.audit.RefusalTally;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/** Where a refused anonymous call is counted: the aggregated audit and the refusal counter. */
final class AnonymousRefusals {
    private final RefusalTally tally;
    private final HubMetrics metrics;

    AnonymousRefusals(RefusalTally tally, HubMetrics metrics) {
        this.tally = tally;
        this.metrics = metrics;
    }

    /** Counts one refusal of {@code action} from {@code source}; {@code reason} is one of a fixed set. */
    void count(String action, String source, String reason) {
        tally.count(action, source, reason);
        metrics.anonymousRefused(reason);
    }

    /** The caller's address without its port: what the rate limits and the audit count by. */
    static String source(RoutingContext ctx) {
        SocketAddress address = ctx.request().remoteAddress();
        return address == null || address.hostAddress() == null ? "unknown" : address.hostAddress();
    }
}
