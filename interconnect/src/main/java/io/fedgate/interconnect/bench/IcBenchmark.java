package io.fedgate.interconnect.bench;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
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
 * baseline, and measures each until every AZ has learned every expected route. The i-th zone of the plan
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
        try (InterconnectReconciler rec = InterconnectReconciler.connect(eb.build(), options)) {
            BenchmarkRun fedgate = fedgateRun(rec, plan, expected);
            leaveAll(rec, plan, none);
            BenchmarkRun shell = shellRun(rec, plan, expected, stackZone, router, workers);
            leaveAll(rec, plan, none);
            double raw = rawTransactionsPerSecond();
            BenchmarkResult result = new BenchmarkResult(plan.zones().size(), plan.transitSwitches().size(), expectedCount,
                    fedgate, shell, raw);
            LOG.info("\n{}", result.render());
            return result;
        } finally {
            workers.shutdownNow();
        }
    }

    private BenchmarkRun fedgateRun(InterconnectReconciler rec, InterconnectPlan plan,
                                    Map<String, Set<ExpectedRoutes.Route>> expected) {
        long t0 = ticker.getAsLong();
        ChangeReport report = rec.apply(plan);
        long t1 = ticker.getAsLong();
        rec.awaitLearnedRoutes(expected, convergenceTimeout);
        long t2 = ticker.getAsLong();
        return new BenchmarkRun("fedgate", report.writes(), report.transactions(), 0, Duration.ofNanos(t1 - t0),
                Duration.ofNanos(t2 - t0));
    }

    private BenchmarkRun shellRun(InterconnectReconciler rec, InterconnectPlan plan,
                                  Map<String, Set<ExpectedRoutes.Route>> expected, Map<String, Integer> stackZone,
                                  String router, ExecutorService workers) {
        ShellOutApplier shell = new ShellOutApplier(stack, stackZone, router, ticker, convergenceTimeout);
        long t0 = ticker.getAsLong();
        int rows = shell.apply(plan, workers);
        long t1 = ticker.getAsLong();
        rec.awaitLearnedRoutes(expected, convergenceTimeout);
        long t2 = ticker.getAsLong();
        return new BenchmarkRun("shell-out", rows, shell.processes(), shell.polls(), Duration.ofNanos(t1 - t0),
                Duration.ofNanos(t2 - t0));
    }

    private void leaveAll(InterconnectReconciler rec, InterconnectPlan plan, Map<String, Set<ExpectedRoutes.Route>> none) {
        for (AvailabilityZonePlan z : plan.zones()) {
            rec.leave(z.availabilityZone());
        }
        rec.awaitLearnedRoutes(none, convergenceTimeout);
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
