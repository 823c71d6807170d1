package io.fedgate.interconnect.bench;

import java.util.Locale;

/**
 * What {@link IcBenchmark#run} measured.
 *
 * @param zones                 availability zones in the plan
 * @param transitSwitches       transit switches in the plan
 * @param expectedRoutes        learned routes expected across all AZs
 * @param fedgate               the reconciler's run
 * @param shellOut              the one-process-per-change baseline
 * @param rawTransactionsPerSecond the client's own write rate: small transactions to IC-NB, 64 in flight
 */
public record BenchmarkResult(int zones, int transitSwitches, int expectedRoutes, BenchmarkRun fedgate,
                              BenchmarkRun shellOut, double rawTransactionsPerSecond) {
    /** fedgate's rate of changes divided by the shell-out baseline's. */
    public double changeRateRatio() {
        return fedgate.changesPerSecond() / shellOut.changesPerSecond();
    }

    /** A small report for the CLI. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "OVN-IC benchmark: %d AZs x %d transit switches, %d learned routes expected%n",
                zones, transitSwitches, expectedRoutes));
        sb.append(String.format(Locale.ROOT, "%-10s %8s %6s %6s %10s %14s %12s %12s%n", "method", "changes", "ops",
                "polls", "apply", "all learned", "changes/s", "ops/s"));
        for (BenchmarkRun r : new BenchmarkRun[] {fedgate, shellOut}) {
            sb.append(String.format(Locale.ROOT, "%-10s %8d %6d %6d %8d ms %11d ms %12.0f %12.1f%n", r.method(),
                    r.changes(), r.operations(), r.polls(), r.apply().toMillis(), r.convergence().toMillis(),
                    r.changesPerSecond(), r.operationsPerSecond()));
        }
        sb.append(String.format(Locale.ROOT, "fedgate/shell-out rate of changes: %.1fx; client transactions/s (pipelined, "
                + "64 in flight): %.0f", changeRateRatio(), rawTransactionsPerSecond));
        return sb.toString();
    }
}
