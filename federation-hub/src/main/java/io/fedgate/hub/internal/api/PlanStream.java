package io.fedgate.hub.internal.api;

import io.fedgate.hub.internal.replan.PlanFeed;
import io.fedgate.hub.internal.state.StoredPlan;
import io.fedgate.hubclient.protocol.PlanEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plan watch: newline-delimited {@link PlanEvent}s on an HTTP/2 stream.
 *
 * <p>The stream first catches up from the client's {@code fromVersion}, then follows the member's
 * {@link PlanFeed}: each new version wakes it, and it sends every version after the last one it sent, in
 * order, as a {@code DELTA} (what changed), or the whole plan as a {@code RESYNC} (followed by {@code IMPORTS}
 * lines when large) when the client starts from 0 or the history no longer holds the deltas. Catching up runs on a worker (it reads
 * the ring buffer); writing runs on the stream's event loop; at most one catch-up runs at a time, and a wake-up
 * meanwhile runs another afterwards. When the client reads too slowly (write queue full), the stream stops
 * sending until it drains and then catches up, so a slow client costs at most the history, never an
 * unbounded queue. A {@code HEARTBEAT} goes out every heartbeat interval.
 */
final class PlanStream {
    private static final Logger LOG = LoggerFactory.getLogger(PlanStream.class);

    /** Most imports on one line of a whole plan; below the client's per-line bound. */
    static final int IMPORTS_PER_LINE = 1_000;
    /** Lines of a whole plan close after this many bytes of imports (one import may exceed it alone). */
    static final int BYTES_PER_LINE = 4 * 1024 * 1024;

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
    private WholePlanLines wholePlan;

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
        if (busy || !pump() || response.writeQueueFull()) {
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
            for (StoredPlan plan : versions.plans()) {
                if (plan.version() == lastSent + 1) {
                    writeDelta(plan);
                }
            }
        } else if (catchup instanceof PlanFeed.Resync resync && resync.snapshot().version() != lastSent) {
            LOG.debug("cluster {}: resync at plan version {} (client had {})", clusterId, resync.snapshot().version(),
                    lastSent);
            writeSnapshot(resync.snapshot());
        }
    }

    private void writeDelta(StoredPlan plan) {
        byte[] head = ("{\"type\":\"" + PlanEvent.DELTA + "\",\"version\":" + plan.version() + ",\"delta\":")
                .getBytes(StandardCharsets.UTF_8);
        response.write(Buffer.buffer(head.length + plan.delta().length + 2).appendBytes(head)
                .appendBytes(plan.delta()).appendString("}\n"));
        lastSent = plan.version();
    }

    /**
     * A whole plan over several lines: the RESYNC carries the first imports, each IMPORTS line the next ones, so
     * no line holds more than {@link #IMPORTS_PER_LINE} imports or much more than {@link #BYTES_PER_LINE}. No
     * delta goes out before the last line (catching up waits for {@link #pump}).
     */
    private void writeSnapshot(PlanFeed.Snapshot snapshot) {
        wholePlan = new WholePlanLines(snapshot);
        lastSent = snapshot.version();
        pump();
    }

    /**
     * Writes the lines of the whole plan being sent while the client keeps up; true when none is left. A whole plan
     * at 51,000 imports is tens of MB: written a line at a time as the stream drains, a slow client holds one
     * stream's write queue, not the plan.
     */
    private boolean pump() {
        while (wholePlan != null && !response.writeQueueFull()) {
            response.write(wholePlan.next());
            if (!wholePlan.hasNext()) {
                wholePlan = null;
            }
        }
        return wholePlan == null;
    }

    /** The lines of one whole plan, built one at a time. */
    private static final class WholePlanLines {
        private final PlanFeed.Snapshot snapshot;
        private final List<Integer> bounds;
        private int line;

        WholePlanLines(PlanFeed.Snapshot snapshot) {
            this.snapshot = snapshot;
            this.bounds = lineBounds(snapshot.imports());
        }

        boolean hasNext() {
            return line < bounds.size() - 1;
        }

        Buffer next() {
            int lines = bounds.size() - 1;
            int remaining = lines - 1 - line;
            long version = snapshot.version();
            Buffer next;
            if (line == 0) {
                next = line("{\"type\":\"" + PlanEvent.RESYNC + "\",\"version\":" + version + ",\"remaining\":"
                        + remaining + ",\"plan\":", snapshot.json(bounds.get(0), bounds.get(1)));
            } else {
                ByteArrayOutputStream imports = new ByteArrayOutputStream();
                PlanFeed.Snapshot.writeArray(imports, snapshot.imports().subList(bounds.get(line), bounds.get(line + 1)));
                next = line("{\"type\":\"" + PlanEvent.IMPORTS + "\",\"version\":" + version + ",\"remaining\":"
                        + remaining + ",\"imports\":", imports.toByteArray());
            }
            this.line++;
            return next;
        }
    }

    private static Buffer line(String head, byte[] body) {
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer(start.length + body.length + 2).appendBytes(start).appendBytes(body).appendString("}\n");
    }

    /** Where each line's imports start, and the end: at least one line, even with no imports. */
    static List<Integer> lineBounds(List<byte[]> imports) {
        List<Integer> bounds = new ArrayList<>();
        bounds.add(0);
        long bytes = 0;
        int count = 0;
        for (int i = 0; i < imports.size(); i++) {
            if (count > 0 && (count == IMPORTS_PER_LINE || bytes + imports.get(i).length > BYTES_PER_LINE)) {
                bounds.add(i);
                bytes = 0;
                count = 0;
            }
            bytes += imports.get(i).length + 1;
            count++;
        }
        bounds.add(imports.size());
        return bounds;
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
