package io.fedgate.hub.internal.api;

import io.fedgate.hub.internal.replan.PlanFeed;
import io.fedgate.hub.internal.state.StoredPlan;
import io.fedgate.hubclient.protocol.PlanEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plan watch: newline-delimited {@link PlanEvent}s on an HTTP/2 stream.
 *
 * <p>The stream first catches up from the client's {@code fromVersion}, then follows the member's
 * {@link PlanFeed}: each new version wakes it, and it sends every version after the last one it sent, in
 * order, or a {@code RESYNC} when the history no longer holds them. Catching up runs on a worker (it reads
 * the ring buffer); writing runs on the stream's event loop; at most one catch-up runs at a time, and a wake-up
 * meanwhile runs another afterwards. When the client reads too slowly (write queue full), the stream stops
 * sending until it drains and then catches up, so a slow client costs at most the history, never an
 * unbounded queue. A {@code HEARTBEAT} goes out every heartbeat interval.
 */
final class PlanStream {
    private static final Logger LOG = LoggerFactory.getLogger(PlanStream.class);

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final PlanFeed feed;
    private final String clusterId;
    private final LongConsumer onVersion = version -> wake();
    private long lastSent;
    private boolean busy;
    private boolean pending;
    private boolean closed;
    private long heartbeatTimer;

    PlanStream(Vertx vertx, Context context, HttpServerResponse response, PlanFeed feed, String clusterId,
               long fromVersion) {
        this.vertx = vertx;
        this.context = context;
        this.response = response;
        this.feed = feed;
        this.clusterId = clusterId;
        this.lastSent = fromVersion;
    }

    /** Sends the headers, subscribes and catches up; on the stream's context. */
    void start(long heartbeatMillis) {
        response.setChunked(true).putHeader("Content-Type", io.fedgate.hubclient.protocol.HubApi.NDJSON)
                .putHeader("Cache-Control", "no-store");
        response.closeHandler(v -> close());
        response.exceptionHandler(e -> close());
        response.drainHandler(v -> wake());
        feed.subscribe(clusterId, onVersion);
        heartbeatTimer = vertx.setPeriodic(heartbeatMillis, id -> heartbeat());
        LOG.debug("cluster {}: plan watch after version {}", clusterId, lastSent);
        heartbeat();
        catchUp();
    }

    private void wake() {
        context.runOnContext(v -> catchUp());
    }

    private void catchUp() {
        if (closed) {
            return;
        }
        if (busy || response.writeQueueFull()) {
            pending = true;
            return;
        }
        busy = true;
        pending = false;
        long after = lastSent;
        vertx.executeBlocking(() -> feed.catchUp(clusterId, after), false).onComplete(result -> {
            busy = false;
            if (closed) {
                return;
            }
            if (result.failed()) {
                LOG.warn("cluster {}: reading plan versions after {} failed: {}; retrying", clusterId, after,
                        result.cause().toString());
                vertx.setTimer(500, id -> catchUp());
                return;
            }
            send(result.result());
            if (pending) {
                catchUp();
            }
        });
    }

    private void send(PlanFeed.Catchup catchup) {
        if (catchup instanceof PlanFeed.Versions versions) {
            List<StoredPlan> plans = versions.plans();
            for (StoredPlan plan : plans) {
                if (plan.version() == lastSent + 1) {
                    write(PlanEvent.PLAN, plan);
                }
            }
        } else if (catchup instanceof PlanFeed.Resync resync && resync.plan().version() != lastSent) {
            LOG.debug("cluster {}: resync at plan version {} (client had {})", clusterId, resync.plan().version(),
                    lastSent);
            write(PlanEvent.RESYNC, resync.plan());
        }
    }

    private void write(String type, StoredPlan plan) {
        byte[] head = ("{\"type\":\"" + type + "\",\"version\":" + plan.version() + ",\"plan\":")
                .getBytes(StandardCharsets.UTF_8);
        Buffer line = Buffer.buffer(head.length + plan.json().length + 2).appendBytes(head).appendBytes(plan.json())
                .appendString("}\n");
        response.write(line);
        lastSent = plan.version();
    }

    private void heartbeat() {
        if (closed) {
            return;
        }
        if (!response.writeQueueFull()) {
            response.write("{\"type\":\"" + PlanEvent.HEARTBEAT + "\",\"version\":"
                    + Math.max(lastSent, feed.latest(clusterId)) + "}\n");
        }
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(heartbeatTimer);
        feed.unsubscribe(clusterId, onVersion);
        LOG.debug("cluster {}: plan watch closed at version {}", clusterId, lastSent);
    }
}
