package io.fedgate.interconnect.internal;

import io.fedgate.interconnect.ovsdb.ReplicaListener;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns replica changes into repair passes: a change to a table the reconciler writes schedules one pass
 * for that database's scope after a short debounce (changes arriving meanwhile join the same pass). Driven
 * by the databases' monitors, never by polling. The pass itself is the ordinary reconcile, so it writes
 * nothing unless something drifted.
 */
public final class DriftRepairer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriftRepairer.class);

    private final ScheduledExecutorService executor;
    private final Duration debounce;
    private final Consumer<String> repair;
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param repair runs one pass for a scope ("IC-NB" or an AZ name), on this repairer's thread
     */
    public DriftRepairer(Duration debounce, Consumer<String> repair) {
        this.debounce = debounce;
        this.repair = repair;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fedgate-ic-drift-repair");
            t.setDaemon(true);
            return t;
        });
    }

    /** A listener that schedules a pass for {@code scope} when one of {@code tables} changes. */
    public ReplicaListener listenerFor(String scope, Set<String> tables) {
        return (changes, after) -> {
            if (changes.stream().anyMatch(c -> tables.contains(c.table()))) {
                schedule(scope);
            }
        };
    }

    /** Schedules a pass for {@code scope} unless one is already pending. */
    public void schedule(String scope) {
        if (closed || !scheduled.add(scope)) {
            return;
        }
        executor.schedule(() -> {
            scheduled.remove(scope);
            try {
                repair.accept(scope);
            } catch (RuntimeException e) {
                // the next change (or the resync after a reconnect) schedules another pass
                LOG.warn("[{}] drift repair failed: {}", scope, e.getMessage());
            }
        }, debounce.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
