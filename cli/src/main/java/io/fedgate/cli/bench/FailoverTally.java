package io.fedgate.cli.bench;

import io.fedgate.cli.bench.OpenLoopFlows.Flow;
import io.fedgate.cli.bench.OpenLoopFlows.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Sorts the flows of a failover run by the kills (pure; no I/O). A kill has two instants: the signal, and the
 * exit of the killed process (its sockets are closed by then). Around kill k:
 * <ul>
 *   <li><b>in flight at the kill</b>: flows started before the exit and not ended at the signal; one whose
 *   bytes were with the killed replica cannot be saved by any gateway (replaying them elsewhere would be unsafe
 *   for non-idempotent protocols);</li>
 *   <li><b>new</b>: flows started after the exit and before the next signal; these are what a gateway must
 *   carry. One that was still running at the next signal and then failed is that kill's, in flight.</li>
 * </ul>
 * Flows that ended before the first signal are the steady state.
 */
final class FailoverTally {
    private FailoverTally() {
    }

    /** One kill: the signal and the observed exit, on {@link System#nanoTime()}. */
    record Kill(String process, long signalNanos, long exitNanos) {
    }

    /** Counts and latency of a set of flows started over {@code seconds}. */
    record Stats(int flows, Map<Outcome, Integer> failures, double seconds, long p50Nanos, long p99Nanos,
                 long maxNanos, long maxConnectNanos) {
        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        double rate() {
            return seconds <= 0 ? 0 : flows / seconds;
        }
    }

    /** Started, failed and slowest flow in one slice of time after a kill. */
    record Slice(long fromNanos, int started, int failed, long maxNanos) {
    }

    /**
     * What happened around one kill.
     *
     * @param lastFailureNanos when the last failed flow that was running at or started after the signal started,
     *                         relative to the signal (0 when it was already running); -1 when none failed
     * @param lastErrorNanos   when that flow's failure was seen, relative to the signal; -1 when none failed
     */
    record AroundKill(Kill kill, Stats inFlight, Stats fresh, long lastFailureNanos, long lastErrorNanos,
                      List<Slice> timeline) {
    }

    /** The flows that ended before the first signal. */
    static Stats steady(List<Flow> flows, long firstSignalNanos, long arrivalsStartNanos) {
        return stats(flows.stream().filter(f -> f.endNanos() < firstSignalNanos).toList(),
                firstSignalNanos - arrivalsStartNanos);
    }

    /**
     * The flows around {@code kill}, up to {@code untilNanos} (the next signal, or the end of the arrivals);
     * the timeline covers {@code slices} slices of {@code sliceNanos} from the signal.
     *
     * @param nextKill whether {@code untilNanos} is the signal of another kill
     */
    static AroundKill around(List<Flow> flows, Kill kill, long untilNanos, boolean nextKill, int slices,
                             long sliceNanos) {
        List<Flow> inFlight = new ArrayList<>();
        List<Flow> fresh = new ArrayList<>();
        long lastFailure = -1;
        long lastError = -1;
        long[] sliceMax = new long[slices];
        int[] sliceStarted = new int[slices];
        int[] sliceFailed = new int[slices];
        for (Flow f : flows) {
            if (f.startNanos() >= untilNanos || f.endNanos() < kill.signalNanos()
                    || nextKill && f.outcome().failed() && f.endNanos() >= untilNanos) {
                continue;
            }
            if (f.startNanos() < kill.exitNanos()) {
                inFlight.add(f);
            } else {
                fresh.add(f);
            }
            if (f.outcome().failed()) {
                lastFailure = Math.max(lastFailure, Math.max(0, f.startNanos() - kill.signalNanos()));
                lastError = Math.max(lastError, f.endNanos() - kill.signalNanos());
            }
            long offset = f.startNanos() - kill.signalNanos();
            int slice = offset < 0 ? -1 : (int) (offset / sliceNanos);
            if (slice >= 0 && slice < slices) {
                sliceStarted[slice]++;
                sliceFailed[slice] += f.outcome().failed() ? 1 : 0;
                sliceMax[slice] = Math.max(sliceMax[slice], f.latencyNanos());
            }
        }
        List<Slice> timeline = new ArrayList<>(slices);
        for (int i = 0; i < slices; i++) {
            timeline.add(new Slice(i * sliceNanos, sliceStarted[i], sliceFailed[i], sliceMax[i]));
        }
        return new AroundKill(kill, stats(inFlight, kill.exitNanos() - kill.signalNanos()),
                stats(fresh, untilNanos - kill.exitNanos()), lastFailure, lastError, timeline);
    }

    private static Stats stats(List<Flow> flows, long spanNanos) {
        Map<Outcome, Integer> failures = new EnumMap<>(Outcome.class);
        long[] latencies = new long[flows.size()];
        long maxConnect = 0;
        for (int i = 0; i < flows.size(); i++) {
            Flow f = flows.get(i);
            latencies[i] = f.latencyNanos();
            if (f.connectedNanos() != 0) {
                maxConnect = Math.max(maxConnect, f.connectedNanos() - f.startNanos());
            }
            if (f.outcome().failed()) {
                failures.merge(f.outcome(), 1, Integer::sum);
            }
        }
        Arrays.sort(latencies);
        return new Stats(flows.size(), failures, spanNanos / 1e9, percentile(latencies, 0.50),
                percentile(latencies, 0.99), latencies.length == 0 ? 0 : latencies[latencies.length - 1], maxConnect);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
