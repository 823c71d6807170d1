package io.fedgate.hub.internal.api;

import io.fedgate.hub.HubConfig;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first handler of {@code POST /v1/join}, the one route a caller without a certificate reaches: it
 * decides before reading the body, then reads at most {@link HubConfig.Join#maxBodyBytes()} of it.
 *
 * <p>In order, each refusal costing the member no more than the headers: a {@code Content-Length} above the
 * bound is 413; a source or the member above its rate is 429; more than {@code maxInFlight} joins at once is
 * 503 (both with {@code Retry-After}). A body streamed without a length is cut at the bound (413); one slower
 * than {@code bodyTimeout} is 408 (a slow sender holds a slot). Every refusal is counted for the aggregated
 * audit and the refusal counter, never audited one by one. One guard serves all of a member's event loops.
 */
final class JoinGuard implements Handler<RoutingContext> {
    private static final String ACTION = "join.refused";

    private final HubConfig.Join bounds;
    private final JoinLimiter limiter;
    private final AnonymousRefusals refusals;
    private final BoundedBody body;
    private final AtomicInteger inFlight = new AtomicInteger();

    JoinGuard(Vertx vertx, HubConfig.Join bounds, JoinLimiter limiter, AnonymousRefusals refusals) {
        this.bounds = bounds;
        this.limiter = limiter;
        this.refusals = refusals;
        this.body = new BoundedBody(vertx, bounds.maxBodyBytes(), "join.maxBodyBytes", bounds.bodyTimeout(),
                "join.bodyTimeout");
    }

    /** Joins being handled now. */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void handle(RoutingContext ctx) {
        ApiException declared = body.checkDeclaredLength(ctx);
        if (declared != null) {
            refuse(ctx, declared, declared.error().status() + " body too large", 0);
            return;
        }
        JoinLimiter.Verdict verdict = limiter.acquire(AnonymousRefusals.source(ctx));
        if (!verdict.allowed()) {
            refuse(ctx, ApiException.of(429, "TooManyRequests", "too many joins: the " + verdict.limit()
                    + " limit of this hub member is reached (join.perSource, join.global); retry after "
                    + verdict.retryAfterSeconds() + "s"), "429 " + verdict.limit(), verdict.retryAfterSeconds());
            return;
        }
        if (inFlight.incrementAndGet() > bounds.maxInFlight()) {
            inFlight.decrementAndGet();
            refuse(ctx, ApiException.of(503, "Busy", "this hub member is handling " + bounds.maxInFlight()
                    + " joins already (join.maxInFlight); retry after 1s or try another member"), "503 busy", 1);
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        ctx.addEndHandler(done -> {
            if (released.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        });
        body.read(ctx, (c, refusal, category) -> refuse(c, refusal, category, 0));
    }

    private void refuse(RoutingContext ctx, ApiException refusal, String category, long retryAfterSeconds) {
        refusals.count(ACTION, AnonymousRefusals.source(ctx), category);
        if (retryAfterSeconds > 0) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        ctx.fail(refusal);
    }
}
