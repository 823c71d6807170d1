package io.fedgate.interconnect.bench;

import java.time.Duration;

/**
 * One way of applying the plan, measured.
 *
 * @param method      what ran, e.g. {@code fedgate apply} or {@code shell-out update}
 * @param changes     rows written
 * @param operations  transactions sent (fedgate) or processes run (shell-out, not counting polls)
 * @param polls       processes run only to wait for ovn-ic (shell-out), 0 for fedgate
 * @param apply       from the first write to the last
 * @param convergence from the first write until every AZ had learned exactly the expected routes (an update,
 *                    which changes no route, reports its apply time)
 */
public record BenchmarkRun(String method, int changes, int operations, int polls, Duration apply, Duration convergence) {
    /** Rows written per second of apply time. */
    public double changesPerSecond() {
        return rate(changes, apply);
    }

    /** Transactions (or processes) per second of apply time. */
    public double operationsPerSecond() {
        return rate(operations, apply);
    }

    private static double rate(int n, Duration d) {
        long nanos = Math.max(1, d.toNanos());
        return n * 1e9 / nanos;
    }
}
