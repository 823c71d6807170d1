package io.fedgate.interconnect;

import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.interconnect.internal.ChangeLog;
import io.fedgate.interconnect.internal.Databases;
import io.fedgate.interconnect.internal.DenylistOption;
import io.fedgate.interconnect.internal.DriftRepairer;
import io.fedgate.interconnect.internal.LeaveProcedure;
import io.fedgate.interconnect.internal.PlanValidator;
import io.fedgate.interconnect.internal.StatusReader;
import io.fedgate.interconnect.internal.StepRunner;
import io.fedgate.interconnect.internal.TransitSwitchReconciler;
import io.fedgate.interconnect.internal.ZoneDesiredState;
import io.fedgate.interconnect.internal.ZoneReconciler;
import io.fedgate.interconnect.ovsdb.OvsdbClient;
import io.fedgate.interconnect.ovsdb.OvsdbClientConfig;
import io.fedgate.interconnect.ovsdb.OvsdbEndpoint;
import io.fedgate.interconnect.ovsdb.OvsdbEventLoop;
import io.fedgate.interconnect.ovsdb.OvsdbException;
import io.fedgate.interconnect.ovsdb.OvsdbTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Programs OVN interconnection from an {@link InterconnectPlan}. Holds one monitored connection per database
 * (IC-NB, optionally IC-SB, one NB per AZ) and reconciles against their replicas, so a pass that finds
 * everything in place sends nothing.
 *
 * <pre>{@code
 * IcEndpoints ep = IcEndpoints.builder().icNb("tcp:10.0.0.5:6645").zone("az1=tcp:10.0.1.5:6641").build();
 * ChangeReport r = InterconnectReconciler.apply(plan, ep, ReconcilerOptions.defaults());   // one shot
 *
 * try (InterconnectReconciler rec = InterconnectReconciler.connect(ep, ReconcilerOptions.defaults().withRepairDrift(true))) {
 *     rec.apply(plan);           // then keeps the rows as planned until closed
 * }
 * }</pre>
 *
 * <p>An apply runs: IC-NB transit switches; every AZ in the endpoints in parallel (see {@code ZoneReconciler}
 * for its steps); then, only if every AZ succeeded, the removal of our transit switches the plan dropped.
 * Passes (applies, repairs, leaves) never overlap.
 */
public final class InterconnectReconciler implements AutoCloseable {
    /** Scope name of IC-NB in drift repair. */
    static final String IC_NB_SCOPE = "IC-NB";
    /** Bound on threads running passes and connects in parallel. */
    public static final int MAX_WORKERS = 64;
    private static final Set<String> ZONE_TABLES = Set.of("NB_Global", "Logical_Router", "Logical_Router_Port",
            "Gateway_Chassis", "Logical_Switch", "Logical_Switch_Port");
    private static final Logger LOG = LoggerFactory.getLogger(InterconnectReconciler.class);

    private final IcEndpoints endpoints;
    private final ReconcilerOptions options;
    private final OvsdbEventLoop loop;
    private final ExecutorService workers;
    private final OvsdbClient icNb;
    private final OvsdbClient icSb;
    private final Map<String, OvsdbClient> zones;
    private final ReentrantLock passLock = new ReentrantLock();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong repairs = new AtomicLong();
    private final Set<String> leftZones = ConcurrentHashMap.newKeySet();
    private final Map<String, String> foreignRows = new ConcurrentHashMap<>();
    private final DriftRepairer repairer;
    private volatile InterconnectPlan plan;

    private InterconnectReconciler(IcEndpoints endpoints, ReconcilerOptions options, OvsdbEventLoop loop,
                                   ExecutorService workers, OvsdbClient icNb, OvsdbClient icSb,
                                   Map<String, OvsdbClient> zones) {
        this.endpoints = endpoints;
        this.options = options;
        this.loop = loop;
        this.workers = workers;
        this.icNb = icNb;
        this.icSb = icSb;
        this.zones = zones;
        this.repairer = options.repairDrift() ? new DriftRepairer(options.repairDebounce(), this::repair) : null;
        if (repairer != null) {
            if (icNb != null) {
                icNb.addListener(repairer.listenerFor(IC_NB_SCOPE, Set.of("Transit_Switch")));
            }
            zones.forEach((az, c) -> c.addListener(repairer.listenerFor(az, ZONE_TABLES)));
        }
    }

    /**
     * Connects to every database given in {@code endpoints}, in parallel, checking each schema.
     *
     * @throws OvsdbException when a database cannot be reached or lacks what fedgate needs
     */
    public static InterconnectReconciler connect(IcEndpoints endpoints, ReconcilerOptions options) {
        if (endpoints.icNb() == null && endpoints.icSb() == null && endpoints.zones().isEmpty()) {
            throw new InterconnectConfigException("no database given: pass --ic-nb, --ic-sb or --az NAME=ENDPOINT");
        }
        OvsdbEventLoop loop = OvsdbEventLoop.create(options.ioThreads());
        int dbs = endpoints.zones().size() + 2;
        // one thread per database: zone passes mostly wait (on replies, on ovn-ic), so they all run at once
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(dbs, MAX_WORKERS), r -> {
            Thread t = new Thread(r, "fedgate-ic-worker");
            t.setDaemon(true);
            return t;
        });
        List<OvsdbClient> opened = new ArrayList<>();
        try {
            Duration rt = options.requestTimeout();
            CompletableFuture<OvsdbClient> icNb = open(workers, endpoints.icNb(),
                    () -> Databases.icNb(endpoints.icNb(), endpoints.tls(), loop, rt), opened);
            CompletableFuture<OvsdbClient> icSb = open(workers, endpoints.icSb(),
                    () -> Databases.icSb(endpoints.icSb(), endpoints.tls(), loop, rt), opened);
            Map<String, CompletableFuture<OvsdbClient>> zoneFutures = new LinkedHashMap<>();
            endpoints.zones().forEach((az, eps) -> zoneFutures.put(az, open(workers, eps,
                    () -> Databases.nb(az, eps, endpoints.tls(), loop, rt), opened)));
            Map<String, OvsdbClient> zones = new LinkedHashMap<>();
            OvsdbClient nb = join(icNb);
            OvsdbClient sb = join(icSb);
            for (Map.Entry<String, CompletableFuture<OvsdbClient>> e : zoneFutures.entrySet()) {
                zones.put(e.getKey(), join(e.getValue()));
            }
            return new InterconnectReconciler(endpoints, options, loop, workers, nb, sb, zones);
        } catch (RuntimeException e) {
            synchronized (opened) {
                opened.forEach(OvsdbClient::close);
            }
            workers.shutdownNow();
            loop.close();
            throw e;
        }
    }

    private static CompletableFuture<OvsdbClient> open(ExecutorService workers, List<OvsdbEndpoint> eps,
                                                       Supplier<OvsdbClientConfig> config, List<OvsdbClient> opened) {
        if (eps == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> {
            OvsdbClient c = OvsdbClient.connect(config.get());
            synchronized (opened) {
                opened.add(c);
            }
            return c;
        }, workers);
    }

    /** Connects, applies {@code plan} once, and disconnects. */
    public static ChangeReport apply(InterconnectPlan plan, IcEndpoints endpoints, ReconcilerOptions options) {
        try (InterconnectReconciler r = connect(endpoints, options.withRepairDrift(false))) {
            return r.apply(plan);
        }
    }

    /** Connects, takes {@code zone} out of interconnection, and disconnects. */
    public static ChangeReport leave(String zone, IcEndpoints endpoints, ReconcilerOptions options) {
        try (InterconnectReconciler r = connect(endpoints, options.withRepairDrift(false))) {
            return r.leave(zone);
        }
    }

    /** Connects, reads the status, and disconnects. */
    public static InterconnectStatus status(IcEndpoints endpoints, ReconcilerOptions options) {
        try (InterconnectReconciler r = connect(endpoints, options.withRepairDrift(false))) {
            return r.status();
        }
    }

    /**
     * Makes IC-NB and every AZ in the endpoints match {@code plan}. With drift repair on, this plan is also
     * what later repairs restore.
     *
     * @throws InterconnectConfigException when the plan is invalid, IC-NB is missing, or an AZ in the
     *                                     endpoints has no entry in the plan
     */
    public ChangeReport apply(InterconnectPlan plan) {
        PlanValidator.validate(plan);
        if (icNb == null) {
            throw new InterconnectConfigException("apply needs IC-NB (--ic-nb)");
        }
        for (String az : zones.keySet()) {
            if (plan.zone(az) == null) {
                throw new InterconnectConfigException("--az " + az + ": plan version " + plan.version()
                        + " has no zone \"" + az + "\" (zones: " + plan.zones().stream()
                        .map(z -> z.availabilityZone()).toList() + "); use leave to take it out");
            }
        }
        passLock.lock();
        try {
            ChangeReport report = applyLocked(plan);
            foreignRows.clear();
            return report;
        } catch (ForeignRowException e) {
            foreignRows.put(IC_NB_SCOPE, e.getMessage());
            throw e;
        } finally {
            passLock.unlock();
        }
    }

    private ChangeReport applyLocked(InterconnectPlan plan) {
        Instant start = options.clock().instant();
        String context = "plan " + plan.version();
        ChangeLog first = new ChangeLog(writes, transactions);
        TransitSwitchReconciler ts = new TransitSwitchReconciler(new StepRunner(icNb, first, context));
        // read-only checks first, so that a plan that cannot be applied writes nothing anywhere
        ts.preflight(plan);
        zones.forEach((az, c) -> zoneReconciler(c, new ChangeLog(writes, transactions), context, true).preflight());
        // the zones' router side does not need the transit switches; only their switch ports wait for them
        CompletableFuture<Void> switches = CompletableFuture.runAsync(() -> ts.transitSwitches(plan), workers);
        Map<String, ChangeLog> zoneLogs = reconcileZones(plan, context, switches);
        ChangeLog last = new ChangeLog(writes, transactions);
        new TransitSwitchReconciler(new StepRunner(icNb, last, context)).staleTransitSwitches(plan);
        this.plan = plan;
        leftZones.removeAll(zones.keySet());
        List<ChangeLog> logs = new ArrayList<>();
        logs.add(first);
        logs.addAll(zoneLogs.values());
        logs.add(last);
        return report(plan.version(), logs, start);
    }

    private Map<String, ChangeLog> reconcileZones(InterconnectPlan plan, String context, CompletableFuture<Void> switches) {
        Map<String, ChangeLog> logs = new LinkedHashMap<>();
        Map<String, CompletableFuture<Void>> runs = new LinkedHashMap<>();
        runs.put("IC-NB", switches);
        zones.forEach((az, client) -> {
            ChangeLog log = new ChangeLog(writes, transactions);
            logs.put(az, log);
            runs.put(az, CompletableFuture.runAsync(() -> zoneReconciler(client, log, context + " " + az, true)
                    .reconcile(ZoneDesiredState.of(plan, az)), workers));
        });
        List<RuntimeException> failures = new ArrayList<>();
        runs.forEach((az, f) -> {
            try {
                f.join();
            } catch (CompletionException e) {
                failures.add(e.getCause() instanceof RuntimeException re ? re : new InterconnectException(az + ": " + e.getCause(), e.getCause()));
            }
        });
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
        return logs;
    }

    private ZoneReconciler zoneReconciler(OvsdbClient client, ChangeLog log, String context, boolean waitForSwitches) {
        return new ZoneReconciler(new StepRunner(client, log, context),
                icSb == null ? null : new StepRunner(icSb, log, context), options.clusterRouter(),
                options.ovnIcWait(), denylistKey(client), waitForSwitches);
    }

    private String denylistKey(OvsdbClient nb) {
        return options.denylistOption() != null ? options.denylistOption() : DenylistOption.forSchema(nb.schema());
    }

    /**
     * Takes {@code zone} out of interconnection (see {@code LeaveProcedure} for the order). Needs IC-NB,
     * IC-SB and the zone's NB. Drift repair leaves the zone alone afterwards until the next apply.
     */
    public ChangeReport leave(String zone) {
        OvsdbClient nb = zones.get(zone);
        if (nb == null) {
            throw new InterconnectConfigException("leave " + zone + ": no NB endpoint for it (--az " + zone + "=ENDPOINT)");
        }
        if (icNb == null || icSb == null) {
            throw new InterconnectConfigException("leave " + zone + " needs IC-NB and IC-SB (--ic-nb, --ic-sb)");
        }
        passLock.lock();
        try {
            leftZones.add(zone);
            Instant start = options.clock().instant();
            String context = "leave " + zone;
            ChangeLog log = new ChangeLog(writes, transactions);
            new LeaveProcedure(zone, new StepRunner(nb, log, context), new StepRunner(icNb, log, context),
                    new StepRunner(icSb, log, context), denylistKey(nb), options.ovnIcWait()).leave();
            return report(0, List.of(log), start);
        } finally {
            passLock.unlock();
        }
    }

    /** What the databases hold now: IC-NB's transit switches and, per AZ, switches, ports and learned routes. */
    public InterconnectStatus status() {
        List<InterconnectStatus.ZoneStatus> out = new ArrayList<>();
        zones.forEach((az, c) -> out.add(StatusReader.zone(az, c.snapshot())));
        return new InterconnectStatus(icNb == null ? List.of() : StatusReader.transitSwitches(icNb.snapshot()), out);
    }

    /**
     * Waits until every AZ in {@code expected} has learned exactly the given routes (compared normalized).
     *
     * @throws OvsdbTimeoutException naming, per AZ, what is missing and what is extra when it does not happen
     *                               within {@code timeout}
     */
    public void awaitLearnedRoutes(Map<String, Set<ExpectedRoutes.Route>> expected, Duration timeout) {
        List<CompletableFuture<?>> waits = new ArrayList<>();
        expected.forEach((az, routes) -> {
            OvsdbClient c = zones.get(az);
            if (c == null) {
                throw new InterconnectConfigException("no NB endpoint for AZ " + az);
            }
            waits.add(c.awaitSnapshot(s -> StatusReader.learnedRouteSet(s).equals(routes), timeout,
                    "learned routes " + routes));
        });
        try {
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            StringBuilder diff = new StringBuilder();
            expected.forEach((az, routes) -> {
                Set<ExpectedRoutes.Route> have = StatusReader.learnedRouteSet(zones.get(az).snapshot());
                if (!have.equals(routes)) {
                    Set<ExpectedRoutes.Route> missing = new java.util.TreeSet<>(routes);
                    missing.removeAll(have);
                    Set<ExpectedRoutes.Route> extra = new java.util.TreeSet<>(have);
                    extra.removeAll(routes);
                    diff.append(az).append(": missing ").append(missing).append(", extra ").append(extra).append("; ");
                }
            });
            throw new OvsdbTimeoutException("learned routes did not match the plan within " + timeout.toMillis()
                    + " ms: " + diff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterconnectException("interrupted waiting for learned routes", e);
        }
    }

    /**
     * Waits until no AZ NB holds a transit switch any more (ovn-ic removes them after the transit switches
     * leave IC-NB); for tests and benchmarks that start the next run from a clean slate.
     *
     * @return false when some remained after {@code timeout}
     */
    public boolean awaitZonesDetached(Duration timeout) {
        for (OvsdbClient c : zones.values()) {
            if (!c.waitFor(s -> s.find("Logical_Switch",
                    r -> r.stringMap("other_config").containsKey(ZoneReconciler.INTERCONN_TS)).isEmpty(), timeout)) {
                return false;
            }
        }
        return true;
    }

    /** The AZ NB client of {@code zone}, for callers that watch the database themselves (benchmarks, tests). */
    public OvsdbClient zoneClient(String zone) {
        OvsdbClient c = zones.get(zone);
        if (c == null) {
            throw new InterconnectConfigException("no NB endpoint for AZ " + zone);
        }
        return c;
    }

    /** Rows written since connect, by applies, repairs and leaves. */
    public long writeCount() {
        return writes.get();
    }

    /** Transactions committed since connect. */
    public long transactionCount() {
        return transactions.get();
    }

    /** Repair passes that wrote something. */
    public long repairCount() {
        return repairs.get();
    }

    /** The endpoints this reconciler was connected with. */
    public IcEndpoints endpoints() {
        return endpoints;
    }

    /** One drift repair pass for {@code scope} against the last applied plan. */
    private void repair(String scope) {
        InterconnectPlan current = plan;
        if (current == null) {
            return;
        }
        passLock.lock();
        try {
            String context = context(current, scope);
            ChangeLog log = new ChangeLog(writes, transactions);
            // a zone's switch ports need the transit switches in IC-NB, so those are checked in every pass
            new TransitSwitchReconciler(new StepRunner(icNb, log, context)).transitSwitches(current);
            if (!scope.equals(IC_NB_SCOPE) && !leftZones.contains(scope) && current.zone(scope) != null) {
                zoneReconciler(zones.get(scope), log, context, false).reconcile(ZoneDesiredState.of(current, scope));
            }
            if (!log.changes().isEmpty()) {
                repairs.incrementAndGet();
                LOG.info("[{}] repaired drift: {} rows written", context, log.changes().size());
            }
            foreignRows.remove(scope);
        } catch (ForeignRowException e) {
            // another owner rewrote a row: reported once, never fought over (repairing it would start a write loop)
            if (!e.getMessage().equals(foreignRows.put(scope, e.getMessage()))) {
                LOG.warn("[{}] {}", context(current, scope), e.getMessage());
            }
        } finally {
            passLock.unlock();
        }
    }

    private static String context(InterconnectPlan plan, String scope) {
        return "repair plan " + plan.version() + " " + scope;
    }

    /**
     * Rows another owner wrote where fedgate's rows belong, found by the latest pass of each scope (an AZ name or
     * IC-NB), as messages naming database, table, row and the columns that differ; empty when none.
     */
    public List<String> foreignRows() {
        return List.copyOf(new java.util.TreeMap<>(foreignRows).values());
    }

    private ChangeReport report(long version, List<ChangeLog> logs, Instant start) {
        List<Change> changes = new ArrayList<>();
        int txns = 0;
        for (ChangeLog l : logs) {
            changes.addAll(l.changes());
            txns += l.transactions();
        }
        return new ChangeReport(version, changes, txns, Duration.between(start, options.clock().instant()));
    }

    private static OvsdbClient join(CompletableFuture<OvsdbClient> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new InterconnectException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** Stops drift repair and closes every connection. */
    @Override
    public void close() {
        if (repairer != null) {
            repairer.close();
        }
        if (icNb != null) {
            icNb.close();
        }
        if (icSb != null) {
            icSb.close();
        }
        zones.values().forEach(OvsdbClient::close);
        workers.shutdownNow();
        loop.close();
    }
}
