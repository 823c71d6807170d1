package io.fedgate.interconnect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.interconnect.TestPlans;
import io.fedgate.interconnect.localstack.OvnIcStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The benchmark core on a small real stack: both methods write the same rows and converge to the same
 * routes. Not a performance assertion. {@code -Dfedgate.bench.azs=10 -Dfedgate.bench.ts=3} runs the full size.
 */
class IcBenchmarkIT {
    @Test
    void bothMethodsWriteTheSameRowsAndConverge() {
        Assumptions.assumeTrue(OvnIcStack.unavailableReason().isEmpty(), () -> OvnIcStack.unavailableReason().get());
        int azs = Integer.getInteger("fedgate.bench.azs", 3);
        int switches = Integer.getInteger("fedgate.bench.ts", 2);
        List<String> zones = new ArrayList<>();
        for (int i = 1; i <= azs; i++) {
            zones.add("az" + i);
        }
        InterconnectPlan plan = TestPlans.plan(1, zones, switches);
        try (OvnIcStack stack = OvnIcStack.start(OvnIcStack.options().zones(azs).build())) {
            try {
                runAndCheck(stack, plan, azs, switches);
            } catch (AssertionError | RuntimeException e) {
                // read while the daemons still run: the stack is gone once this block closes it
                System.out.println("=== IcBenchmarkIT failed: " + e + "\n" + stack.diagnostics());
                throw e;
            }
        }
    }

    private static void runAndCheck(OvnIcStack stack, InterconnectPlan plan, int azs, int switches) {
        BenchmarkResult r = new IcBenchmark(stack, System::nanoTime, Duration.ofSeconds(60)).run(plan);
        System.out.println(r.render());
        int rowsPerZone = 1 + switches * (1 + 2 + 1);      // NB_Global, per switch: router port, 2 gateways, switch port
        assertThat(r.fedgateApply().changes()).isEqualTo(switches + azs * rowsPerZone);
        assertThat(r.shellApply().changes()).isEqualTo(r.fedgateApply().changes());
        assertThat(r.expectedRoutes()).isEqualTo(azs * (azs - 1) * switches);
        assertThat(r.fedgateApply().convergence()).isGreaterThanOrEqualTo(r.fedgateApply().apply());
        assertThat(r.shellApply().operations()).isGreaterThan(r.fedgateApply().operations());
        // the update: a new MAC per router port and both gateway priorities swapped
        assertThat(r.fedgateUpdate().changes()).isEqualTo(azs * switches * 3);
        assertThat(r.shellUpdate().changes()).isEqualTo(r.fedgateUpdate().changes());
        assertThat(r.rawTransactionsPerSecond()).isPositive();
        assertThat(stack.icSbctl("--bare", "--columns=name", "list", "Availability_Zone").strip())
                .as("every AZ left after the runs").isEmpty();
    }
}
