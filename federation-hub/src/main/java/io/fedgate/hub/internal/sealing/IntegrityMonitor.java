package io.fedgate.hub.internal.sealing;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this member refused of what it read from Hazelcast: counted per map (the metric), logged once per map,
 * entry and reason per {@link #LOG_INTERVAL}, and handed to the audit log as one aggregated record per map per
 * {@link #flush()} call, so a flood of forged entries costs a bounded number of replicated audit records.
 */
public final class IntegrityMonitor {
    /** How long one map, entry and reason stays quiet in the log after being logged. */
    public static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    /** Entries named per map in one audit record. */
    static final int AUDITED_EXAMPLES = 5;
    private static final int MAX_REMEMBERED = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(IntegrityMonitor.class);

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new TreeMap<>();
    private final java.util.function.LongSupplier millis;

    private static final class Pending {
        long count;
        final Map<String, String> examples = new TreeMap<>();
    }

    /** A monitor judging log intervals by {@code millis}. */
    public IntegrityMonitor(java.util.function.LongSupplier millis) {
        this.millis = millis;
    }

    /** Records one refusal. */
    public void refused(IntegrityFailure failure) {
        String map = metricName(failure.map());
        counts.computeIfAbsent(map, m -> new LongAdder()).increment();
        String id = failure.map() + "\0" + failure.key() + "\0" + failure.reason();
        long now = millis.getAsLong();
        if (lastLogged.size() > MAX_REMEMBERED) {
            lastLogged.clear();
        }
        Long before = lastLogged.get(id);
        if (before == null || now - before >= LOG_INTERVAL.toMillis()) {
            lastLogged.put(id, now);
            LOG.warn("hub state integrity: {}", failure.getMessage());
        }
        synchronized (pending) {
            Pending entry = pending.computeIfAbsent(map, m -> new Pending());
            entry.count++;
            if (entry.examples.size() < AUDITED_EXAMPLES) {
                entry.examples.putIfAbsent(failure.key(), failure.reason().name());
            }
        }
    }

    /** Refusals of {@code map} counted since start (ring buffers count under their prefix). */
    public long count(String map) {
        LongAdder count = counts.get(metricName(map));
        return count == null ? 0 : count.sum();
    }

    /** Every map with refusals and its count. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((map, count) -> copy.put(map, count.sum()));
        return copy;
    }

    /** Hands each map's refusals since the last call to {@code audit} (map, what was refused), then forgets them. */
    public void flush(BiConsumer<String, String> audit) {
        Map<String, Pending> drained;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            drained = new TreeMap<>(pending);
            pending.clear();
        }
        drained.forEach((map, entry) -> audit.accept(map, entry.count + " value(s) refused; e.g. "
                + entry.examples.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "))));
    }

    /** The label of {@code map}: ring buffers, one per cluster, share their prefix's. */
    static String metricName(String map) {
        String rings = "fedgate.plan-history.";
        return map.startsWith(rings) ? rings.substring(0, rings.length() - 1) : map;
    }
}
