package io.fedgate.hub.internal.api;

import io.fedgate.hub.HubConfig;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first handler of {@code POST /v1/join}, the one route a caller without a certificate reaches: it
 * decides before reading the body, then reads at most {@link HubConfig.Join#maxBodyBytes()} of it.
 *
 * <p>In order, each refusal costing the member no more than the headers: a {@code Content-Length} above the
 * bound is 413; a source or the member above its rate is 429; more than {@code maxInFlight} joins at once is
 * 503 (both with {@code Retry-After}). A body streamed without a length is counted as it arrives and cut at
 * the bound (413); one slower than {@code bodyTimeout} is 408. Every refusal is tallied for the aggregated
 * audit and the refusal counter, never audited one by one. One guard serves all of a member's event loops.
 */
final class JoinGuard implements Handler<RoutingContext> {
    private static final String BODY = "fedgate.join.body";
    private static final String ACTION = "join.refused";

    private final Vertx vertx;
    private final HubConfig.Join bounds;
    private final JoinLimiter limiter;
    private final AnonymousRefusals refusals;
    private final AtomicInteger inFlight = new AtomicInteger();

    JoinGuard(Vertx vertx, HubConfig.Join bounds, JoinLimiter limiter, AnonymousRefusals refusals) {
        this.vertx = vertx;
        this.bounds = bounds;
        this.limiter = limiter;
        this.refusals = refusals;
    }

    /** The join body the guard read, for the endpoint. */
    static byte[] body(RoutingContext ctx) {
        Buffer body = ctx.get(BODY);
        return body == null ? new byte[0] : body.getBytes();
    }

    /** Joins being handled now. */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String source = AnonymousRefusals.source(ctx);
        long declared = declaredLength(request);
        if (declared == -2) {
            refuse(ctx, source, ApiException.badRequest("Content-Length \"" + request.getHeader(HttpHeaders.CONTENT_LENGTH)
                    + "\" is not a length in bytes"), "400 bad Content-Length", 0);
            return;
        }
        if (declared > bounds.maxBodyBytes()) {
            refuse(ctx, source, tooLarge(declared + " bytes (Content-Length)"), "413 body too large", 0);
            return;
        }
        JoinLimiter.Verdict verdict = limiter.acquire(source);
        if (!verdict.allowed()) {
            refuse(ctx, source, ApiException.of(429, "TooManyRequests", "too many joins: the " + verdict.limit()
                    + " limit of this hub member is reached; retry after " + verdict.retryAfterSeconds() + "s"),
                    "429 " + verdict.limit(), verdict.retryAfterSeconds());
            return;
        }
        if (inFlight.incrementAndGet() > bounds.maxInFlight()) {
            inFlight.decrementAndGet();
            refuse(ctx, source, ApiException.of(503, "Busy", "this hub member is handling " + bounds.maxInFlight()
                    + " joins already (join.maxInFlight); retry after 1s or try another member"), "503 busy", 1);
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        ctx.addEndHandler(done -> {
            if (released.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        });
        readBounded(ctx, source);
    }

    private void readBounded(RoutingContext ctx, String source) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        AtomicBoolean settled = new AtomicBoolean();
        long timer = vertx.setTimer(bounds.bodyTimeout().toMillis(), id -> {
            if (settled.compareAndSet(false, true)) {
                refuse(ctx, source, ApiException.of(408, "RequestTimeout", "the join body did not arrive within "
                        + bounds.bodyTimeout().toMillis() + " ms (join.bodyTimeout)"), "408 body too slow", 0);
            }
        });
        request.handler(chunk -> {
            if (settled.get()) {
                return;
            }
            if (body.length() + chunk.length() > bounds.maxBodyBytes()) {
                settled.set(true);
                vertx.cancelTimer(timer);
                refuse(ctx, source, tooLarge("more than " + bounds.maxBodyBytes() + " bytes (streamed)"),
                        "413 body too large", 0);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (settled.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                ctx.put(BODY, body);
                ctx.next();
            }
        });
        request.exceptionHandler(e -> {
            if (settled.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                ctx.fail(e);
            }
        });
    }

    private ApiException tooLarge(String what) {
        return ApiException.of(413, "PayloadTooLarge", "join body of " + what + " is larger than "
                + bounds.maxBodyBytes() + " bytes (join.maxBodyBytes); it was not read");
    }

    private void refuse(RoutingContext ctx, String source, ApiException refusal, String reason, long retryAfterSeconds) {
        refusals.count(ACTION, source, reason);
        if (retryAfterSeconds > 0) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        ctx.fail(refusal);
    }

    /** The Content-Length, -1 when absent, -2 when not a number. */
    private static long declaredLength(HttpServerRequest request) {
        String text = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (text == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(text.trim());
            return length < 0 ? -2 : length;
        } catch (NumberFormatException e) {
            return -2;
        }
    }
}
