package io.fedgate.hub.internal.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a request body of at most {@code maxBytes}: a larger {@code Content-Length} is refused before
 * anything is read, a body streamed without one is counted as it arrives and cut at the bound, and with a
 * timeout a body slower than that is refused too. The body is kept for {@link #of(RoutingContext)}; the
 * refusal goes to the caller's {@link Refusal}, which answers it (and the answer cuts the unread rest).
 */
final class BoundedBody {
    private static final String KEY = "fedgate.body";

    private final Vertx vertx;
    private final int maxBytes;
    private final String bound;
    private final Duration timeout;
    private final String timeoutSetting;

    /** What to do with a refused body: {@code category} is one of a fixed set, for counting. */
    @FunctionalInterface
    interface Refusal {
        void refuse(RoutingContext ctx, ApiException refusal, String category);
    }

    /**
     * @param bound          how messages name the bound (its setting)
     * @param timeout        how long the whole body may take, null for no limit
     * @param timeoutSetting how messages name the timeout
     */
    BoundedBody(Vertx vertx, int maxBytes, String bound, Duration timeout, String timeoutSetting) {
        this.vertx = vertx;
        this.maxBytes = maxBytes;
        this.bound = bound;
        this.timeout = timeout;
        this.timeoutSetting = timeoutSetting;
    }

    /** A bound without a timeout. */
    BoundedBody(Vertx vertx, int maxBytes, String bound) {
        this(vertx, maxBytes, bound, null, null);
    }

    /** The body read for {@code ctx}, empty when none. */
    static byte[] of(RoutingContext ctx) {
        Buffer body = ctx.get(KEY);
        return body == null ? new byte[0] : body.getBytes();
    }

    /** The refusal of {@code ctx}'s declared length, or null when the body may be read. */
    ApiException checkDeclaredLength(RoutingContext ctx) {
        String text = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (text == null) {
            return null;
        }
        long length;
        try {
            length = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0) {
            return ApiException.badRequest("Content-Length \"" + text + "\" is not a length in bytes");
        }
        return length > maxBytes ? tooLarge(length + " bytes (Content-Length)") : null;
    }

    /** Reads the body (already checked by {@link #checkDeclaredLength}), then continues with the next handler. */
    void read(RoutingContext ctx, Refusal refusal) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        AtomicBoolean settled = new AtomicBoolean();
        long timer = timeout == null ? -1 : vertx.setTimer(timeout.toMillis(), id -> {
            if (settled.compareAndSet(false, true)) {
                refusal.refuse(ctx, ApiException.of(408, "RequestTimeout", "the body did not arrive within "
                        + timeout.toMillis() + " ms (" + timeoutSetting + ")"), "408 body too slow");
            }
        });
        request.handler(chunk -> {
            if (settled.get()) {
                return;
            }
            if (body.length() + chunk.length() > maxBytes) {
                settled.set(true);
                cancel(timer);
                refusal.refuse(ctx, tooLarge("more than " + maxBytes + " bytes (streamed)"), "413 body too large");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (settled.compareAndSet(false, true)) {
                cancel(timer);
                ctx.put(KEY, body);
                ctx.next();
            }
        });
        request.exceptionHandler(e -> {
            if (settled.compareAndSet(false, true)) {
                cancel(timer);
                ctx.fail(e);
            }
        });
    }

    /** Checks the declared length, then reads; refusals fail {@code ctx} (for routes that count nothing). */
    void handle(RoutingContext ctx) {
        ApiException declared = checkDeclaredLength(ctx);
        if (declared != null) {
            ctx.fail(declared);
            return;
        }
        read(ctx, (c, refusal, category) -> c.fail(refusal));
    }

    private void cancel(long timer) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private ApiException tooLarge(String what) {
        return ApiException.of(413, "PayloadTooLarge", "request body of " + what + " is larger than " + maxBytes
                + " bytes (" + bound + "); it was not read and nothing was changed");
    }
}
