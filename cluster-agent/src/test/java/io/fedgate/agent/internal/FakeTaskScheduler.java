package io.fedgate.agent.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link TaskScheduler} on a manual clock: tasks run only when the test advances time. */
final class FakeTaskScheduler implements TaskScheduler {
    private record Task(long due, long order, Runnable action) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private long order;

    @Override
    public void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        tasks.add(new Task(now + delay.toMillis(), order++, task));
    }

    /** Runs every task due within {@code millis} from now, in due order. */
    void advance(long millis) {
        long until = now + millis;
        while (true) {
            Task next = tasks.stream().filter(t -> t.due() <= until)
                    .min(Comparator.comparingLong(Task::due).thenComparingLong(Task::order)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = Math.max(now, next.due());
            next.action().run();
        }
        now = until;
    }

    /** Tasks waiting. */
    int pending() {
        return tasks.size();
    }
}
