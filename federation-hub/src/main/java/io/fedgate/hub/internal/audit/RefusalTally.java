package io.fedgate.hub.internal.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refusals of anonymous callers, audited in aggregate: every interval one {@link AuditLog} record per action
 * and source with the count per reason, never one replicated record per refusal (a caller without a
 * certificate must not be able to grow the replicated audit log at its own pace).
 *
 * <p>Counting is in memory and cheap (safe on an event loop); at most {@code maxSources} sources are counted
 * by name per interval, the rest together under {@link #OTHER_SOURCES}. Reasons must come from a fixed set
 * (they become one line each in the record).
 */
public final class RefusalTally implements AutoCloseable {
    /** Where refusals from sources beyond {@code maxSources} in one interval are counted. */
    public static final String OTHER_SOURCES = "other sources";

    private static final Logger LOG = LoggerFactory.getLogger(RefusalTally.class);

    private final Sink audit;
    private final int maxSources;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fedgate-refusal-audit");
        thread.setDaemon(true);
        return thread;
    });
    private Map<Key, Map<String, Long>> counts = new LinkedHashMap<>();
    private int sourcesCounted;

    private record Key(String action, String source) {
    }

    /** Where the aggregated records go: {@link #of(AuditLog)} in a hub member. */
    @FunctionalInterface
    public interface Sink {
        /** Appends one record of {@code action} by an anonymous actor. */
        void append(String action, String details);
    }

    /** The sink appending to {@code audit} as {@link AuditLog#ANONYMOUS}. */
    public static Sink of(AuditLog audit) {
        return (action, details) -> audit.append(AuditLog.ANONYMOUS, action, "", details);
    }

    /** Tallies for {@code audit}, flushed every {@code interval} once {@link #start()}ed. */
    public RefusalTally(Sink audit, int maxSources, Duration interval) {
        this.audit = audit;
        this.maxSources = maxSources;
        this.interval = interval;
    }

    /** Starts the periodic flush. */
    public void start() {
        timer.scheduleWithFixedDelay(this::flushQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Counts one refusal of {@code action} (e.g. {@code join.refused}) from {@code source} for {@code reason}. */
    public synchronized void count(String action, String source, String reason) {
        Key key = new Key(action, source);
        if (!counts.containsKey(key)) {
            if (sourcesCounted >= maxSources) {
                key = new Key(action, OTHER_SOURCES);
            } else {
                sourcesCounted++;
            }
        }
        counts.computeIfAbsent(key, k -> new TreeMap<>()).merge(reason, 1L, Long::sum);
    }

    /** Appends one record per action and source counted since the last flush; returns how many. */
    public int flush() {
        Map<Key, Map<String, Long>> taken;
        synchronized (this) {
            if (counts.isEmpty()) {
                return 0;
            }
            taken = counts;
            counts = new LinkedHashMap<>();
            sourcesCounted = 0;
        }
        for (Map.Entry<Key, Map<String, Long>> entry : taken.entrySet()) {
            String details = describe(entry.getKey().source(), entry.getValue());
            LOG.warn("{}: {}", entry.getKey().action(), details);
            audit.append(entry.getKey().action(), details);
        }
        return taken.size();
    }

    /** Stops the timer and audits what is still counted. */
    @Override
    public void close() {
        timer.shutdownNow();
        flushQuietly();
    }

    private String describe(String source, Map<String, Long> reasons) {
        long total = reasons.values().stream().mapToLong(Long::longValue).sum();
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, n) -> parts.add(reason + " x" + n));
        String within = interval.toMillis() % 1000 == 0 ? interval.toSeconds() + "s" : interval.toMillis() + "ms";
        return total + " refused from " + source + " within " + within + ": " + String.join(", ", parts);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // the next flush tries again with what arrives meanwhile; these counts are lost, which the log says
            LOG.warn("auditing refusals failed: {}", e.toString());
        }
    }
}
