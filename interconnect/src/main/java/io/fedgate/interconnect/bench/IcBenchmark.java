package io.fedgate.interconnect.bench;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import io.fedgate.interconnect.ChangeReport;
import io.fedgate.interconnect.ExpectedRoutes;
import io.fedgate.interconnect.IcEndpoints;
import io.fedgate.interconnect.InterconnectConfigException;
import io.fedgate.interconnect.InterconnectReconciler;
import io.fedgate.interconnect.ReconcilerOptions;
import io.fedgate.interconnect.internal.Databases;
import io.fedgate.interconnect.localstack.OvnIcStack;
import io.fedgate.interconnect.ovsdb.Condition;
import io.fedgate.interconnect.ovsdb.Mutation;
import io.fedgate.interconnect.ovsdb.Operation;
import io.fedgate.interconnect.ovsdb.OvsdbClient;
import io.fedgate.interconnect.ovsdb.OvsdbClientConfig;
import io.fedgate.interconnect.ovsdb.OvsdbEndpoint;
import io.fedgate.interconnect.ovsdb.OvsdbValues;
import io.fedgate.interconnect.ovsdb.TransactionResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a plan to a running {@link OvnIcStack} twice, with fedgate's reconciler and with the shell-out
 * baseline, and measures each until every AZ has learned every expected route; then, for each, an update of
 * every router port's MAC and every gateway chassis' priority, which needs no reaction from ovn-ic and so
 * shows each method's own rate of changes. The i-th zone of the plan
 * runs on the stack's AZ i+1; the routes each AZ advertises are the stack's router networks. Between and
 * after the runs every AZ leaves, so the stack ends as it started.
 *
 * <pre>{@code
 * try (OvnIcStack stack = OvnIcStack.start(OvnIcStack.options().zones(10).build())) {
 *     BenchmarkResult r = new IcBenchmark(stack, System::nanoTime, Duration.ofSeconds(60)).run(plan);
 *     System.out.println(r.render());
 * }
 * }</pre>
 */
public final class IcBenchmark {
    /**
     * Pause before each measured run so that ovn-northd and ovn-ic have finished reacting to the previous one
     * (on a small machine their recomputation would otherwise be measured as the next run's latency).
     */
    public static final Duration SETTLE = Duration.ofSeconds(1);
    /** Small transactions sent to measure the client's raw write rate. */
    public static final int RAW_TRANSACTIONS = 1000;
    /** Transactions in flight during that measurement. */
    public static final int RAW_IN_FLIGHT = 64;
    private static final Logger LOG = LoggerFactory.getLogger(IcBenchmark.class);

    private final OvnIcStack stack;
    private final LongSupplier ticker;
    private final Duration convergenceTimeout;

    /**
     * @param ticker             monotonic nanoseconds ({@code System::nanoTime} in production)
     * @param convergenceTimeout how long each run may take to converge before the benchmark fails
     */
    public IcBenchmark(OvnIcStack stack, LongSupplier ticker, Duration convergenceTimeout) {
        this.stack = stack;
        this.ticker = ticker;
        this.convergenceTimeout = convergenceTimeout;
    }

    /** Runs both methods on {@code plan}. */
    public BenchmarkResult run(InterconnectPlan plan) {
        if (plan.zones().size() > stack.zoneCount()) {
            throw new InterconnectConfigException("the plan has " + plan.zones().size() + " zones but the stack only "
                    + stack.zoneCount());
        }
        Map<String, Integer> stackZone = new LinkedHashMap<>();
        Map<String, List<Cidr>> advertised = new LinkedHashMap<>();
        IcEndpoints.Builder eb = IcEndpoints.builder().icNb(stack.icNb()).icSb(stack.icSb());
        for (int i = 0; i < plan.zones().size(); i++) {
            AvailabilityZonePlan z = plan.zones().get(i);
            stackZone.put(z.availabilityZone(), i + 1);
            advertised.put(z.availabilityZone(), stack.podCidrs(i + 1).stream().map(Cidr::parse).toList());
            eb.zone(z.availabilityZone(), stack.nb(i + 1));
        }
        Map<String, Set<ExpectedRoutes.Route>> expected = ExpectedRoutes.of(plan, advertised);
        Map<String, Set<ExpectedRoutes.Route>> none = new LinkedHashMap<>();
        expected.keySet().forEach(az -> none.put(az, Set.of()));
        int expectedCount = expected.values().stream().mapToInt(Set::size).sum();
        String router = stack.router().orElse(ReconcilerOptions.DEFAULT_CLUSTER_ROUTER);
        ReconcilerOptions options = ReconcilerOptions.defaults().withClusterRouter(router)
                .withIoThreads(Math.min(4, Math.max(1, plan.zones().size() / 4)));

        ExecutorService workers = Executors.newFixedThreadPool(Math.min(16, plan.zones().size() + 1), r -> {
            Thread t = new Thread(r, "fedgate-bench");
            t.setDaemon(true);
            return t;
        });
        InterconnectPlan changed = updated(plan);
        try (InterconnectReconciler rec = InterconnectReconciler.connect(eb.build(), options)) {
            BenchmarkRun fedgateApply = fedgateRun("fedgate apply", rec, plan, expected);
            BenchmarkRun fedgateUpdate = fedgateRun("fedgate update", rec, changed, null);
            leaveAll(rec, plan, none);
            ShellOutApplier shell = new ShellOutApplier(stack, stackZone, router, ticker, convergenceTimeout);
            BenchmarkRun shellApply = shellApply(shell, rec, plan, expected, workers);
            BenchmarkRun shellUpdate = shellUpdate(shell, changed, workers);
            leaveAll(rec, plan, none);
            double raw = rawTransactionsPerSecond();
            BenchmarkResult result = new BenchmarkResult(plan.zones().size(), plan.transitSwitches().size(), expectedCount,
                    fedgateApply, shellApply, fedgateUpdate, shellUpdate, raw);
            LOG.info("\n{}", result.render());
            return result;
        } finally {
            workers.shutdownNow();
        }
    }

    /** Every router port gets another MAC and every AZ's gateway chassis order is reversed. */
    static InterconnectPlan updated(InterconnectPlan plan) {
        List<TransitSwitch> switches = new ArrayList<>();
        for (TransitSwitch ts : plan.transitSwitches()) {
            List<TransitSwitchMember> members = new ArrayList<>();
            for (TransitSwitchMember m : ts.members()) {
                List<String> gws = new ArrayList<>(m.gatewayChassis());
                java.util.Collections.reverse(gws);
                // flips a bit of the first octet; the MAC stays unicast, locally administered and unique
                String mac = String.format("%02x", Integer.parseInt(m.mac().substring(0, 2), 16) ^ 0x04) + m.mac().substring(2);
                members.add(new TransitSwitchMember(m.availabilityZone(), m.address(), mac, gws));
            }
            switches.add(new TransitSwitch(ts.name(), ts.subnet(), members));
        }
        return new InterconnectPlan(plan.version() + 1, switches, plan.zones());
    }

    private BenchmarkRun fedgateRun(String name, InterconnectReconciler rec, InterconnectPlan plan,
                                    Map<String, Set<ExpectedRoutes.Route>> expected) {
        settle();
        long t0 = ticker.getAsLong();
        ChangeReport report = rec.apply(plan);
        long t1 = ticker.getAsLong();
        if (expected != null) {
            rec.awaitLearnedRoutes(expected, convergenceTimeout);
        }
        long t2 = ticker.getAsLong();
        return new BenchmarkRun(name, report.writes(), report.transactions(), 0, Duration.ofNanos(t1 - t0),
                Duration.ofNanos(t2 - t0));
    }

    private BenchmarkRun shellApply(ShellOutApplier shell, InterconnectReconciler rec, InterconnectPlan plan,
                                    Map<String, Set<ExpectedRoutes.Route>> expected, ExecutorService workers) {
        settle();
        long t0 = ticker.getAsLong();
        int rows = shell.apply(plan, workers);
        long t1 = ticker.getAsLong();
        rec.awaitLearnedRoutes(expected, convergenceTimeout);
        long t2 = ticker.getAsLong();
        return new BenchmarkRun("shell-out apply", rows, shell.processes(), shell.polls(), Duration.ofNanos(t1 - t0),
                Duration.ofNanos(t2 - t0));
    }

    private BenchmarkRun shellUpdate(ShellOutApplier shell, InterconnectPlan changed, ExecutorService workers) {
        int before = shell.processes();
        settle();
        long t0 = ticker.getAsLong();
        int rows = shell.update(changed, workers);
        long t1 = ticker.getAsLong();
        return new BenchmarkRun("shell-out update", rows, shell.processes() - before, 0, Duration.ofNanos(t1 - t0),
                Duration.ofNanos(t1 - t0));
    }

    private static void settle() {
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        }
    }

    private void leaveAll(InterconnectReconciler rec, InterconnectPlan plan, Map<String, Set<ExpectedRoutes.Route>> none) {
        for (AvailabilityZonePlan z : plan.zones()) {
            rec.leave(z.availabilityZone());
        }
        rec.awaitLearnedRoutes(none, convergenceTimeout);
        if (!rec.awaitZonesDetached(convergenceTimeout)) {
            throw new IllegalStateException("ovn-ic did not remove the transit switches from every AZ within "
                    + convergenceTimeout.toSeconds() + " s after every AZ left");
        }
    }

    /** Small write transactions to IC-NB's IC_NB_Global (which ovn-ic does not read), many in flight. */
    private double rawTransactionsPerSecond() {
        OvsdbClientConfig cfg = OvsdbClientConfig.builder(Databases.IC_NB, OvsdbEndpoint.parseList(stack.icNb()))
                .label("IC-NB bench").require("IC_NB_Global", "external_ids").build();
        try (OvsdbClient c = OvsdbClient.connect(cfg)) {
            TransactionResult existing = c.transact(Operation.select("IC_NB_Global", List.of(), List.of("_uuid")));
            if (existing.get(0).rows().isEmpty()) {
                c.transact(Operation.insert("IC_NB_Global"));
            }
            Semaphore inFlight = new Semaphore(RAW_IN_FLIGHT);
            List<CompletableFuture<TransactionResult>> all = new ArrayList<>();
            long t0 = ticker.getAsLong();
            for (int i = 0; i < RAW_TRANSACTIONS; i++) {
                inFlight.acquireUninterruptibly();
                String key = "fedgate.io/bench-" + (i % RAW_IN_FLIGHT);
                CompletableFuture<TransactionResult> f = c.transactAsync(List.of(
                        Operation.mutate("IC_NB_Global", List.<Condition>of())
                                .with(Mutation.delete("external_ids", OvsdbValues.set(key)))
                                .with(Mutation.insert("external_ids", OvsdbValues.map(key, Integer.toString(i))))));
                f.whenComplete((r, e) -> inFlight.release());
                all.add(f);
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            long t1 = ticker.getAsLong();
            Set<Object> keys = new java.util.LinkedHashSet<>();
            for (int i = 0; i < RAW_IN_FLIGHT; i++) {
                keys.add("fedgate.io/bench-" + i);
            }
            c.transact(Operation.mutate("IC_NB_Global", List.of()).with(Mutation.delete("external_ids", keys)));
            return RAW_TRANSACTIONS * 1e9 / Math.max(1, t1 - t0);
        }
    }
}
