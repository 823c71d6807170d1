package io.fedgate.agent.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Coalesces bursts of triggers into one run: the first trigger schedules the action {@code delay} later;
 * triggers until it runs add nothing. A trigger during the run schedules the next one. Thread-safe.
 */
public final class Debouncer {
    private final TaskScheduler scheduler;
    private final Duration delay;
    private final Runnable action;
    private final AtomicBoolean pending = new AtomicBoolean();

    public Debouncer(TaskScheduler scheduler, Duration delay, Runnable action) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("debounce delay " + delay + " is negative");
        }
        this.scheduler = scheduler;
        this.delay = delay;
        this.action = action;
    }

    /** Runs the action {@code delay} from now unless a run is already pending. */
    public void trigger() {
        if (pending.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                pending.set(false);
                action.run();
            }, delay);
        }
    }
}
