package io.fedgate.hub;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/** The last few planning runs of this member (when leader): how long planning and storing took. */
public final class PlanningStats {
    private static final int KEPT = 1024;

    /**
     * One run.
     *
     * @param clusters    clusters planned
     * @param changed     plans that got a new version
     * @param planning    time in {@code FederationPlanner.replan} (only what an export or lease change touched)
     * @param stamping    time finding what changed for each cluster (the deltas) and which shared pieces to store
     * @param storing     time storing the changed pieces, each changed cluster's delta in its history, the
     *                    versions, the committed run
     * @param total       time from reading inventories to the last plan stored
     */
    public record Run(int clusters, int changed, Duration planning, Duration stamping, Duration storing,
                      Duration total) {
    }

    private final Deque<Run> runs = new ArrayDeque<>();

    /** Records one run (called by the planner). */
    public synchronized void record(Run run) {
        if (runs.size() == KEPT) {
            runs.removeFirst();
        }
        runs.addLast(run);
    }

    /** The runs kept, oldest first. */
    public synchronized List<Run> runs() {
        return List.copyOf(runs);
    }

    /** The {@code percentile} (0..100) of planning time over the runs kept, zero when none. */
    public synchronized Duration planningPercentile(double percentile) {
        List<Duration> times = new ArrayList<>();
        runs.forEach(r -> times.add(r.planning()));
        if (times.isEmpty()) {
            return Duration.ZERO;
        }
        Collections.sort(times);
        int index = (int) Math.ceil(percentile / 100.0 * times.size()) - 1;
        return times.get(Math.max(0, Math.min(index, times.size() - 1)));
    }
}
