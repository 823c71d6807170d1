package io.fedgate.interconnect.bench;

import java.util.Locale;

/**
 * What {@link IcBenchmark#run} measured, for both methods: the initial apply (bounded by how fast ovn-ic
 * creates the transit switches in every AZ, which both methods must wait for) and an update of every router
 * port and gateway chassis (no waiting on ovn-ic: the methods' own rate of changes).
 *
 * @param zones                    availability zones in the plan
 * @param transitSwitches          transit switches in the plan
 * @param expectedRoutes           learned routes expected across all AZs
 * @param fedgateApply             the reconciler's initial apply
 * @param shellApply               the one-process-per-change baseline's initial apply
 * @param fedgateUpdate            the reconciler's update
 * @param shellUpdate              the baseline's update
 * @param rawTransactionsPerSecond the client's own write rate: small transactions to IC-NB, 64 in flight
 */
public record BenchmarkResult(int zones, int transitSwitches, int expectedRoutes, BenchmarkRun fedgateApply,
                              BenchmarkRun shellApply, BenchmarkRun fedgateUpdate, BenchmarkRun shellUpdate,
                              double rawTransactionsPerSecond) {
    /** fedgate's rate of changes over the baseline's, for the update (no ovn-ic wait in either). */
    public double changeRateRatio() {
        return fedgateUpdate.changesPerSecond() / shellUpdate.changesPerSecond();
    }

    /** The same ratio for the initial apply (both wait for ovn-ic to create the transit switches). */
    public double applyRateRatio() {
        return fedgateApply.changesPerSecond() / shellApply.changesPerSecond();
    }

    /** A small report for the CLI. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "OVN-IC benchmark: %d AZs x %d transit switches, %d learned routes expected%n",
                zones, transitSwitches, expectedRoutes));
        sb.append(String.format(Locale.ROOT, "%-18s %8s %6s %6s %10s %14s %12s %12s%n", "run", "changes", "ops",
                "polls", "apply", "all learned", "changes/s", "ops/s"));
        for (BenchmarkRun r : new BenchmarkRun[] {fedgateApply, shellApply, fedgateUpdate, shellUpdate}) {
            sb.append(String.format(Locale.ROOT, "%-18s %8d %6d %6d %7d ms %11d ms %12.0f %12.1f%n", r.method(),
                    r.changes(), r.operations(), r.polls(), r.apply().toMillis(), r.convergence().toMillis(),
                    r.changesPerSecond(), r.operationsPerSecond()));
        }
        sb.append(String.format(Locale.ROOT, "rate of changes, fedgate/shell-out: update %.1fx, initial apply %.1fx "
                + "(bounded by ovn-ic creating the transit switches)%n", changeRateRatio(), applyRateRatio()));
        sb.append(String.format(Locale.ROOT, "client transactions/s (IC-NB, %d in flight): %.0f", IcBenchmark.RAW_IN_FLIGHT,
                rawTransactionsPerSecond));
        return sb.toString();
    }
}
