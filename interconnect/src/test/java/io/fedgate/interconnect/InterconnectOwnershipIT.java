package io.fedgate.interconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.net.Cidr;
import io.fedgate.interconnect.localstack.OvnIcStack;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who owns interconnection, on real ovsdb-server, ovn-northd and ovn-ic. Writes are counted from the database
 * files themselves ({@code ovsdb-tool show-log}): every transaction fedgate sends carries a comment starting
 * with {@code "fedgate "}, the daemons' and tools' carry theirs.
 */
class InterconnectOwnershipIT {
    private static final Duration TIMEOUT = OvnIcStack.ROUTE_EXCHANGE_TIMEOUT;
    private static final List<String> WRITTEN_BY_OWNER = List.of("icnb", "az1nb", "az2nb");
    private static final Cidr AZ1_PODS = Cidr.parse("10.16.0.0/16");
    private static final Cidr AZ2_PODS = Cidr.parse("10.17.0.0/16");
    private OvnIcStack stack;

    @RegisterExtension
    final StackDiagnostics diagnostics = new StackDiagnostics(() -> stack);

    @BeforeEach
    void startStack() {
        Assumptions.assumeTrue(OvnIcStack.unavailableReason().isEmpty(), () -> OvnIcStack.unavailableReason().get());
        stack = OvnIcStack.start(OvnIcStack.options().zones(2).nameZones().build());
    }

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private InterconnectObserver observer(int az) {
        return InterconnectObserver.connect("az" + az, stack.nb(az), stack.icSb(), stack.sb(az), null,
                ReconcilerOptions.DEFAULT_REQUEST_TIMEOUT);
    }

    private long fedgateTransactions(String db) {
        return stack.transactionLog(db).stream().filter(c -> c.startsWith("fedgate ")).count();
    }

    private static long await(String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void kubeOvnModeWritesNoRowWhileItsReportFollowsTheRealRouteState() {
        stack.interconnectLikeKubeOvn();
        try (InterconnectObserver az1 = observer(1); InterconnectObserver az2 = observer(2)) {
            long learned = await("both AZs learned the other's pods", () ->
                    az1.observe().learnedPrefixes().contains(AZ2_PODS) && az2.observe().learnedPrefixes().contains(AZ1_PODS));
            InterconnectObserver.Observation first = az1.observe();
            assertThat(first.daemonActive()).as("az1's ovn-ic holds its lock").isTrue();
            assertThat(first.registered()).isTrue();
            assertThat(first.problems()).isEmpty();
            int az1Records = stack.transactionLog("az1nb").size();

            // Kube-OVN withdraws az2's pod network: az1's report loses the route
            stack.nbctl(2, "lrp-del", "ovn-cluster-subnet1");
            long withdrawn = await("az1 no longer reports 10.17.0.0/16",
                    () -> !az1.observe().learnedPrefixes().contains(AZ2_PODS));
            stack.nbctl(2, "lrp-add", "ovn-cluster", "ovn-cluster-subnet1", "0a:00:01:02:01:01", "10.17.0.1/16");
            long relearned = await("az1 reports 10.17.0.0/16 again",
                    () -> az1.observe().learnedPrefixes().contains(AZ2_PODS));

            // az2's ovn-ic stops: its lock is free, and the report says so; started again, it holds it again
            stack.stopOvnIc(2);
            long down = await("az2's ovn-ic reported inactive", () -> Boolean.FALSE.equals(az2.observe().daemonActive()));
            stack.startOvnIc(2);
            long up = await("az2's ovn-ic reported active", () -> Boolean.TRUE.equals(az2.observe().daemonActive()));
            System.out.printf("kube-ovn mode: routes learned in %d ms; withdrawal seen in %d ms, relearned in %d ms; "
                    + "ovn-ic stop seen in %d ms, start in %d ms%n", learned, withdrawn, relearned, down, up);

            assertThat(stack.transactionLog("az1nb").size()).as("ovn-ic's own writes are in the count")
                    .isGreaterThan(az1Records);
            for (String db : WRITTEN_BY_OWNER) {
                assertThat(fedgateTransactions(db)).as("transactions by fedgate in %s.db", db).isZero();
            }
            assertThat(fedgateTransactions("icsb") + fedgateTransactions("az1sb") + fedgateTransactions("az2sb"))
                    .isZero();
            assertThat(az1.transactionCount() + az2.transactionCount()).isZero();
        }
    }

    @Test
    void fedgateModeReportsARowAnotherWriterRewroteAndDoesNotFightOverIt() throws InterruptedException {
        IcEndpoints ep = IcEndpoints.builder().icNb(stack.icNb()).icSb(stack.icSb())
                .zone("az1", stack.nb(1)).zone("az2", stack.nb(2)).build();
        try (InterconnectReconciler r = InterconnectReconciler.connect(ep, ReconcilerOptions.defaults()
                .withRepairDrift(true))) {
            r.apply(TestPlans.plan(1, List.of("az1", "az2"), 1));
            assertThat(fedgateTransactions("az1nb")).as("the positive control: fedgate's writes are counted")
                    .isPositive();
            long before = fedgateTransactions("az1nb");
            long sentBefore = r.transactionCount();

            // another owner rewrites fedgate's router port its own way (random address, no owner marker)
            stack.nbctl(1, "set", "Logical_Router_Port", "az1-ts", "networks=\"169.254.100.99/24\"",
                    "external_ids={}");
            await("the foreign row is reported", () -> !r.foreignRows().isEmpty());
            Thread.sleep(2_000);     // time for a write loop to show, were there one (repairs debounce 50 ms)

            assertThat(r.foreignRows()).singleElement().asString()
                    .contains("az1 NB: Logical_Router_Port \"az1-ts\" was not written by fedgate")
                    .contains("networks: [169.254.100.99/24] -> [169.254.100.1/24]")
                    .contains("nothing written");
            assertThat(fedgateTransactions("az1nb")).as("fedgate's transactions in az1nb.db").isEqualTo(before);
            assertThat(r.transactionCount()).isEqualTo(sentBefore);
            assertThat(stack.nbctl(1, "get", "Logical_Router_Port", "az1-ts", "networks").strip())
                    .isEqualTo("[\"169.254.100.99/24\"]");
        }
    }
}
