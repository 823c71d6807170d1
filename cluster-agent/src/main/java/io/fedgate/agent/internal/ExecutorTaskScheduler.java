package io.fedgate.agent.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TaskScheduler} on one daemon thread. A task that throws is logged with the cluster id and does
 * not stop the thread; tasks submitted after {@link #close()} are dropped.
 */
public final class ExecutorTaskScheduler implements TaskScheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorTaskScheduler.class);

    private final String clusterId;
    private final ScheduledExecutorService executor;

    public ExecutorTaskScheduler(String clusterId) {
        this(clusterId, "fedgate-agent-");
    }

    /** @param threadPrefix the thread's name before the cluster id */
    public ExecutorTaskScheduler(String clusterId, String threadPrefix) {
        this.clusterId = clusterId;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadPrefix + clusterId);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        try {
            executor.schedule(() -> runLogged(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("cluster {}: agent stopped; task dropped", clusterId);
        }
    }

    /** True while the thread accepts tasks. */
    public boolean running() {
        return !executor.isShutdown();
    }

    private void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("cluster {}: agent task failed: {}", clusterId, e.toString(), e);
        }
    }

    /** Stops the thread, waiting up to 5 s for a running task. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("cluster {}: agent thread did not stop within 5 s", clusterId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
