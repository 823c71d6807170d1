package io.fedgate.agent.internal;

import java.time.Duration;

/** Runs the agent's tasks, one at a time, in submission order for equal due times. */
public interface TaskScheduler {

    /** Runs {@code task} as soon as possible. */
    void execute(Runnable task);

    /** Runs {@code task} after {@code delay}. */
    void schedule(Runnable task, Duration delay);
}
