package io.fedgate.hubclient.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.api.codec.DocumentCodec;
import io.fedgate.api.codec.InvalidDocumentException;
import io.fedgate.hubclient.BoundedLineReader;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.hubclient.HubRequestException;
import io.fedgate.hubclient.ImportInterner;
import io.fedgate.hubclient.PlanListener;
import io.fedgate.hubclient.PlanWatch;
import io.fedgate.hubclient.protocol.HubApi;
import io.fedgate.hubclient.protocol.HubDocuments;
import io.fedgate.hubclient.protocol.PlanEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plan watch: a thread that keeps a stream open to some hub member and hands plans to the listener.
 *
 * <p>The hub sends a whole plan once (a {@code RESYNC}), then per version only what changed (a {@code DELTA});
 * a {@link PlanAssembler} rebuilds whole plans, so the listener sees the same {@link ClusterPlan}s as if
 * every version had been sent whole.
 *
 * <p>Resuming: each (re)connection asks for the versions after the last one delivered, so a stream that
 * breaks (a member killed, a network cut) continues on the next member without losing or repeating a
 * version; a watch holding no plan yet asks from version 0. A version at or below the last delivered is
 * skipped (never delivered twice); a version that does not follow the last one is delivered as a resync. A
 * stream that sends no byte, not even a heartbeat, for {@code idleTimeout} is closed and reopened. Reconnection backs off exponentially between
 * {@code minBackoff} and {@code maxBackoff} with jitter, after trying the next member once at once.
 */
public final class PlanWatcher implements PlanWatch {
    private static final Logger LOG = LoggerFactory.getLogger(PlanWatcher.class);
    private static final int OK = 200;

    private final HubTransport transport;
    private final ObjectMapper mapper;
    private final String clusterId;
    private final PlanListener listener;
    private final ScheduledExecutorService watchdogs;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final DocumentCodec<PlanEvent> events = HubDocuments.planEvent();
    private final Thread thread;
    private final PlanAssembler assembler;

    private volatile long lastVersion;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile URI hub;
    private volatile InputStream stream;
    private volatile long lastActivityMillis;

    /** A watch of {@code clusterId}'s plans after {@code fromVersion}; {@link #start()} runs it. */
    public PlanWatcher(HubTransport transport, ObjectMapper mapper, String clusterId, long fromVersion,
                       PlanListener listener, ScheduledExecutorService watchdogs, Clock clock, Duration idleTimeout,
                       Duration minBackoff, Duration maxBackoff, ImportInterner interner) {
        this.transport = transport;
        this.mapper = mapper;
        this.clusterId = clusterId;
        this.lastVersion = fromVersion;
        this.listener = listener;
        this.watchdogs = watchdogs;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.assembler = new PlanAssembler(interner == null ? i -> i : interner::intern);
        this.thread = new Thread(this::run, "fedgate-plan-watch-" + clusterId);
        this.thread.setDaemon(true);
    }

    /** Starts the watch thread. */
    public PlanWatcher start() {
        thread.start();
        return this;
    }

    @Override
    public long lastVersion() {
        return lastVersion;
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public URI hub() {
        return hub;
    }

    @Override
    public void close() {
        closed = true;
        closeStream();
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        URI target = transport.preferredHub();
        int failures = 0;
        while (!closed) {
            hub = target;
            boolean delivered = false;
            Exception cause = null;
            try {
                delivered = streamFrom(target);
            } catch (IOException e) {
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // a listener failure must not kill the watch; the next connection resumes after the last version
                LOG.error("cluster {}: plan watch on {} failed at version {}", clusterId, target, lastVersion, e);
                cause = e;
            } finally {
                if (connected) {
                    connected = false;
                    listener.onDisconnected(target, cause);
                }
            }
            if (closed) {
                break;
            }
            LOG.debug("cluster {}: plan watch on {} ended at version {}: {}", clusterId, target, lastVersion,
                    cause == null ? "stream closed" : cause.toString());
            failures = delivered ? 0 : failures + 1;
            transport.failedOver(target);
            target = next(target);
            if (failures > 1 || transport.hubs().size() == 1) {
                sleep(backoff(failures));
            }
        }
    }

    /** One stream; true when it delivered at least one event. */
    private boolean streamFrom(URI target) throws IOException, InterruptedException {
        assembler.abandonPartial();
        // deltas need the plan they apply to: without one, start from the current plan
        long from = assembler.current() == null ? 0 : lastVersion;
        HttpResponse<InputStream> response = transport.openStream(target, HubApi.planWatch(clusterId, from));
        try (InputStream body = response.body()) {
            stream = body;
            if (closed) {
                return false;
            }
            if (response.statusCode() != OK) {
                byte[] error = HubTransport.readBounded(body, HubApi.DEFAULT_MAX_RESPONSE_BYTES, target, "watch");
                HubRequestException refusal = ApiErrors.toException(mapper,
                        "GET " + HubApi.plan(clusterId) + " (watch) on " + target, response.statusCode(), error);
                LOG.warn("cluster {}: {}", clusterId, refusal.getMessage());
                if (response.statusCode() < 500) {
                    listener.onRejected(refusal);
                }
                return false;
            }
            connected = true;
            lastActivityMillis = clock.millis();
            listener.onConnected(target);
            LOG.debug("cluster {}: watching plans on {} after version {}", clusterId, target, lastVersion);
            ScheduledFuture<?> watchdog = watchdogs.scheduleWithFixedDelay(this::closeIfIdle,
                    idleTimeout.toMillis() / 2, idleTimeout.toMillis() / 2, TimeUnit.MILLISECONDS);
            try {
                return readEvents(new BoundedLineReader(new ActivityStream(body), HubApi.DEFAULT_MAX_EVENT_BYTES));
            } finally {
                watchdog.cancel(false);
            }
        } finally {
            stream = null;
        }
    }

    private boolean readEvents(BoundedLineReader lines) throws IOException {
        boolean delivered = false;
        byte[] line;
        while (!closed && (line = lines.readLine()) != null) {
            lastActivityMillis = clock.millis();
            if (line.length == 0) {
                continue;
            }
            PlanEvent event;
            try {
                event = events.decode(line);
            } catch (InvalidDocumentException e) {
                throw new IOException("hub " + hub + " sent an invalid plan event: " + e.getMessage(), e);
            }
            delivered = true;
            handle(event);
        }
        return delivered;
    }

    private void handle(PlanEvent event) throws IOException {
        if (!event.carriesPlan()) {
            return;
        }
        ClusterPlan held = assembler.current();
        ClusterPlan plan;
        try {
            plan = assembler.accept(event);
        } catch (PlanAssembler.PlanStreamException e) {
            throw new IOException("hub " + hub + " sent plan events that do not fit together: " + e.getMessage(), e);
        }
        if (plan == null) {
            return;
        }
        long previous = lastVersion;
        boolean resync = !PlanEvent.DELTA.equals(event.type()) && !PlanEvent.PLAN.equals(event.type());
        if (held == null && previous > 0 && plan.version() <= previous) {
            // watching from a version this watch holds no plan of: the first plan is the base, already delivered
            return;
        }
        if (PlanEvent.PLAN.equals(event.type()) && plan.version() <= previous) {
            return;
        }
        if (!resync && previous != 0 && plan.version() != previous + 1) {
            LOG.warn("cluster {}: hub {} skipped from plan version {} to {}; taking it as a resync", clusterId, hub,
                    previous, plan.version());
            resync = true;
        }
        listener.onPlan(plan, resync || previous == 0);
        lastVersion = plan.version();
    }

    /**
     * Counts every byte read as activity: a whole plan of tens of MB arrives over many seconds on a busy hub, and
     * a stream that is delivering is not idle even before its line ends.
     */
    private final class ActivityStream extends java.io.FilterInputStream {
        ActivityStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            lastActivityMillis = clock.millis();
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            lastActivityMillis = clock.millis();
            return n;
        }
    }

    private void closeIfIdle() {
        if (clock.millis() - lastActivityMillis > idleTimeout.toMillis()) {
            LOG.info("cluster {}: no plan event from {} for {}; reconnecting", clusterId, hub, idleTimeout);
            closeStream();
        }
    }

    private void closeStream() {
        InputStream current = stream;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.debug("cluster {}: closing the plan stream from {}: {}", clusterId, hub, e.toString());
            }
        }
    }

    private URI next(URI current) {
        int index = transport.hubs().indexOf(current);
        return transport.hubs().get((index + 1) % transport.hubs().size());
    }

    private Duration backoff(int failures) {
        long min = minBackoff.toMillis();
        long exponential = min << Math.min(failures, 16);
        long capped = Math.min(Math.max(exponential, min), maxBackoff.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
