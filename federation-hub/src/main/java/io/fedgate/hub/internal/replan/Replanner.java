package io.fedgate.hub.internal.replan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.ringbuffer.OverflowPolicy;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.PlanDelta;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.hub.internal.audit.AuditLog;
import io.fedgate.hub.internal.sealing.SealedMap;
import io.fedgate.hub.internal.state.AllocationsRecord;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.HubSummary;
import io.fedgate.hub.internal.state.InventoryStore;
import io.fedgate.hub.internal.state.StoredInventory;
import io.fedgate.hub.internal.state.StoredContent;
import io.fedgate.hub.internal.state.StoredPlan;
import io.fedgate.hub.PlanningStats;
import io.fedgate.hub.planning.FederationPlan;
import io.fedgate.hub.planning.ClusterPair;
import io.fedgate.hub.planning.FederationPlanner;
import io.fedgate.hub.planning.RouteHealth;
import io.fedgate.hub.planning.RoutedPathGate;
import io.fedgate.hub.planning.PlanningException;
import io.fedgate.hub.planning.PlanningInput;
import io.fedgate.hub.planning.ServicePlan;
import io.fedgate.hub.planning.TransitAllocations;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-plans the cluster set when inventories or leases change. Runs on every member; acts on one.
 *
 * <p><b>Leader.</b> The oldest member (first of {@code Cluster.getMembers()}, which every member sees in the
 * same order) plans; leadership is re-evaluated on every membership change. A member that becomes leader
 * reloads what it caches (inventories, leases, held plan versions, transit allocations), repairs what a
 * leader dying mid-store could leave behind (a plan version stored in its history but not announced),
 * reads back what the clusters hold from the stored pieces ({@link StoredBaseline}) and plans once, sending
 * deltas as before; only when a dead leader left a run half stored does that first run resync every watcher
 * (a whole plan). Versions are read from the stored state, so they keep growing across leader changes.
 * Hazelcast OSS offers no fenced lock: during a network partition each side has a leader; the
 * forward-only version and allocation rules keep merging sane, not perfect.
 *
 * <p><b>Steps of one run</b> (all on one thread): {@code refreshInventories} (only the changed ones are
 * fetched and decoded), {@code leases} (expired ones withdraw the cluster's endpoints, its state is kept),
 * {@code plan} ({@link FederationPlanner#replan}: only the services an export or lease change touched),
 * {@code changes} ({@link PlanChanges}: per cluster what changed; versions only for changed content),
 * {@code store} (shared pieces, history, version map, committed run, in that order: a version is announced
 * only once readable), {@code allocations}, {@code summary}, {@code audit}.
 *
 * <p><b>Debounce.</b> A change schedules a run {@code debounce} later; changes meanwhile join that run. A run
 * is never delayed by more than {@code debounce} after the first change, so a steady stream of changes
 * cannot starve planning.
 */
public final class Replanner implements AutoCloseable {
    /** How often the leader judges leases. */
    public static final Duration LEASE_CHECK_INTERVAL = Duration.ofMillis(250);
    /** How often the leader drops long-expired join tokens. */
    public static final Duration HOUSEKEEPING_INTERVAL = Duration.ofMinutes(10);
    private static final long STORE_TIMEOUT_SECONDS = 60;
    private static final int MAX_LOGGED_VERSIONS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(Replanner.class);

    private final HubState state;
    private final InventoryStore store;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final LongSupplier nanoTicker;
    private final Duration debounce;
    private final int transitSwitchCount;
    private final FederationPlanner planner = new FederationPlanner();
    private final PlanContentCodec codec = new PlanContentCodec();
    private final LeaseTable leases;
    private final Duration leaseDuration;
    private final PlanningStats stats = new PlanningStats();
    private final Consumer<String> onLeaseExpiry;
    private final Runnable housekeeping;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fedgate-planner");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Runnable> unregister = new ArrayList<>();

    // confined to the executor thread
    private boolean leader;
    private final Map<String, ClusterInventory> inventories = new TreeMap<>();
    private final Set<String> dirty = new HashSet<>();
    private Map<String, Long> held = new HashMap<>();
    /** What the clusters hold (the last plan stored), null when unknown: the next run resyncs every cluster. */
    private FederationPlan previousPlan;
    private PlanningInput previousInput;
    /** Every shared piece as this leader last stored it, to keep each one's previous value. */
    private Map<String, StoredContent> written = new HashMap<>();
    private long run;
    private HubSummary storedSummary;
    private AllocationsRecord allocations;
    private Set<String> plannedExpired = Set.of();
    /** Soft state: rebuilt from the agents' reports after a leader change, taking each pair as reported. */
    private RoutedPathGate gate = RoutedPathGate.EMPTY;
    private ScheduledFuture<?> gateTimer;
    private ScheduledFuture<?> scheduledRun;
    private Set<String> awaitedAfterRestart = new HashSet<>();
    private Instant recoveryDeadline = Instant.MIN;

    /**
     * @param onLeaseExpiry called with a cluster id each time its lease expires (for the expiry counter)
     * @param housekeeping  run by the leader every {@link #HOUSEKEEPING_INTERVAL}
     */
    public Replanner(HubState state, InventoryStore store, AuditLog audit, ObjectMapper mapper, Clock clock,
                     LongSupplier nanoTicker, Duration debounce, Duration leaseDuration, int transitSwitchCount,
                     Consumer<String> onLeaseExpiry, Runnable housekeeping) {
        this.state = state;
        this.store = store;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
        this.nanoTicker = nanoTicker;
        this.debounce = debounce;
        this.transitSwitchCount = transitSwitchCount;
        this.leases = new LeaseTable(leaseDuration);
        this.leaseDuration = leaseDuration;
        this.onLeaseExpiry = onLeaseExpiry;
        this.housekeeping = housekeeping;
    }

    /** Starts listening and, when this member is the oldest, planning. */
    public void start() {
        SealedMap<String, StoredInventory> inventoryMap = state.inventories();
        UUID inventoryListener = inventoryMap.listen(new SealedMap.Changes<>() {
            @Override
            public void changed(String cluster, StoredInventory value) {
                inventoryChanged(cluster, false);
            }

            @Override
            public void removed(String cluster) {
                inventoryChanged(cluster, true);
            }
        }, false);
        unregister.add(() -> inventoryMap.unlisten(inventoryListener));
        SealedMap<String, Long> leaseMap = state.leases();
        UUID leaseListener = leaseMap.listen(this::heartbeat, true);
        unregister.add(() -> leaseMap.unlisten(leaseListener));
        UUID membership = state.hazelcast().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                executor.execute(Replanner.this::evaluateLeadership);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                executor.execute(Replanner.this::evaluateLeadership);
            }
        });
        unregister.add(() -> state.hazelcast().getCluster().removeMembershipListener(membership));
        executor.execute(this::evaluateLeadership);
        executor.scheduleWithFixedDelay(this::checkLeases, LEASE_CHECK_INTERVAL.toMillis(),
                LEASE_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> {
            if (leader) {
                housekeeping.run();
            }
        }, HOUSEKEEPING_INTERVAL.toMillis(), HOUSEKEEPING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True while this member plans. */
    public boolean leader() {
        try {
            return executor.submit(() -> leader).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    /** Timings of the runs this member made as leader. */
    public PlanningStats stats() {
        return stats;
    }

    /** Asks for a run (after the debounce), e.g. after a cluster was removed. */
    public void requestRun(String reason) {
        executor.execute(() -> schedule(reason));
    }

    /**
     * Forgets a removed cluster at once, so the next run plans without it. Its plan version stays held (as it
     * stays in the version map, which a new leader loads): a cluster that joins again is planned on above it,
     * since versions only move forward and a lower one would read as a replay on every member.
     */
    public void forget(String clusterId) {
        executor.execute(() -> {
            inventories.remove(clusterId);
            dirty.remove(clusterId);
            leases.forget(clusterId);
            written.remove(ContentView.clusterKey(clusterId));
            schedule("cluster " + clusterId + " removed");
        });
    }

    @Override
    public void close() {
        unregister.forEach(Runnable::run);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- leadership ----

    private void evaluateLeadership() {
        Set<Member> members = state.hazelcast().getCluster().getMembers();
        boolean oldest = !members.isEmpty() && members.iterator().next().localMember();
        if (oldest && !leader) {
            acquireLeadership();
        } else if (!oldest && leader) {
            leader = false;
            cancelScheduledRun();
            inventories.clear();
            held.clear();
            forgetPlans();
            LOG.info("no longer the planning leader ({} members)", members.size());
        }
    }

    private void acquireLeadership() {
        leader = true;
        LOG.info("this member is the planning leader ({} members)", state.hazelcast().getCluster().getMembers().size());
        try {
            inventories.clear();
            dirty.clear();
            dirty.addAll(state.inventories().keySet());
            state.leases().forEach((cluster, millis) -> leases.heartbeat(cluster, Instant.ofEpochMilli(millis)));
            leases.prime(dirty, clock.instant());
            held = repairAndLoadHeld();
            forgetPlans();
            written = new HashMap<>(state.planContent().toMap());
            long committed = state.committedRun();
            // what the clusters hold, when the pieces say it for sure: then the first run sends deltas
            previousPlan = StoredBaseline.load(written, committed);
            // a run a dead leader left half stored may carry committed + 1: start above it
            run = committed + 1;
            allocations = state.allocations().get(HubState.ALLOCATIONS_KEY);
            awaitResends();
            schedule("leadership acquired");
        } catch (RuntimeException e) {
            // the cluster may still be settling (partitions migrating); try again shortly
            LOG.warn("loading state as new planning leader failed: {}; retrying", e.toString());
            leader = false;
            executor.schedule(this::evaluateLeadership, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * After a restart of every member, the hub knows which clusters it planned before (their plan versions
     * are persisted) but holds none of their inventories until their agents resend. Planning with only the
     * first few back would free the others' transit addresses and hand them out again in another order, so
     * the leader waits until every such cluster has resent, or one lease duration at most (a cluster silent
     * that long would have its lease expire anyway). After a mere leader change nothing is missing: no wait.
     */
    private void awaitResends() {
        Set<String> known = new HashSet<>(state.planVersions().keySet());
        state.clusterStatus().forEach((cluster, status) -> {
            if (status.removed()) {
                known.remove(cluster);
            }
        });
        known.removeAll(dirty);
        awaitedAfterRestart = known;
        recoveryDeadline = clock.instant().plus(leaseDuration);
        if (!known.isEmpty()) {
            LOG.info("waiting up to {} for {} clusters to resend their inventories before planning: {}",
                    leaseDuration, known.size(), new java.util.TreeSet<>(known));
        }
    }

    /** True while planning waits for clusters to resend after a total restart; schedules the next look. */
    private boolean waitingForResends() {
        if (awaitedAfterRestart.isEmpty()) {
            return false;
        }
        awaitedAfterRestart.removeAll(inventories.keySet());
        Instant now = clock.instant();
        if (!awaitedAfterRestart.isEmpty() && now.isBefore(recoveryDeadline)) {
            executor.schedule(() -> schedule("recovery deadline"), Duration.between(now, recoveryDeadline).toMillis()
                    + 1, TimeUnit.MILLISECONDS);
            return true;
        }
        if (!awaitedAfterRestart.isEmpty()) {
            LOG.warn("planning without clusters that did not resend within {}: {}", leaseDuration, awaitedAfterRestart);
        }
        awaitedAfterRestart = new HashSet<>();
        return false;
    }

    /**
     * The plan version held per cluster, after completing any store a dying leader left half done: every version
     * appended to a history is announced in the version map.
     */
    private Map<String, Long> repairAndLoadHeld() {
        Map<String, Long> loaded = new HashMap<>();
        Map<String, Long> announced = new HashMap<>(state.planVersions().toMap());
        Set<String> clusters = new HashSet<>(announced.keySet());
        clusters.addAll(state.inventories().keySet());
        for (String cluster : clusters) {
            StoredPlan newest = state.newestPlan(cluster);
            long version = announced.getOrDefault(cluster, 0L);
            if (newest != null && newest.version() > version) {
                LOG.info("cluster {}: plan version {} stored but not announced (announced {}); announcing it",
                        cluster, newest.version(), version);
                state.planVersions().set(cluster, newest.version());
                version = newest.version();
            }
            if (version > 0) {
                loaded.put(cluster, version);
            }
        }
        return loaded;
    }

    /** What clusters hold becomes unknown: the next run resyncs every cluster. */
    private void forgetPlans() {
        previousPlan = null;
        previousInput = null;
        written = new HashMap<>();
        storedSummary = null;
    }

    // ---- triggers ----

    private void heartbeat(String cluster, Long millis) {
        executor.execute(() -> {
            if (!leader) {
                return;
            }
            leases.heartbeat(cluster, Instant.ofEpochMilli(millis));
            if (plannedExpired.contains(cluster)) {
                checkLeases();
            }
        });
    }

    private void inventoryChanged(String cluster, boolean removed) {
        executor.execute(() -> {
            if (!leader) {
                return;
            }
            if (removed) {
                inventories.remove(cluster);
                dirty.remove(cluster);
            } else {
                dirty.add(cluster);
            }
            schedule("inventory of " + cluster + (removed ? " removed" : " changed"));
        });
    }

    private void checkLeases() {
        if (!leader) {
            return;
        }
        Set<String> clusters = new HashSet<>(inventories.keySet());
        clusters.addAll(dirty);
        LeaseTable.Changes changes = leases.check(clusters, clock.instant());
        for (String cluster : changes.newlyExpired()) {
            Instant lastSeen = leases.expiresAt(cluster) == null ? null : leases.expiresAt(cluster).minus(leaseDuration);
            LOG.warn("cluster {}: lease expired (no heartbeat for {} since {}); withdrawing its endpoints", cluster,
                    leaseDuration, lastSeen);
            onLeaseExpiry.accept(cluster);
            audit.append(AuditLog.HUB_ACTOR, "lease.expired", cluster, "no heartbeat for " + leaseDuration
                    + " since " + lastSeen + "; endpoints withdrawn from every plan, state kept");
        }
        for (String cluster : changes.restored()) {
            LOG.info("cluster {}: lease restored; its endpoints return to the plans", cluster);
            audit.append(AuditLog.HUB_ACTOR, "lease.restored", cluster, "heartbeat received; endpoints restored");
        }
        if (!changes.expired().equals(plannedExpired)) {
            schedule("leases changed: expired " + changes.expired());
        }
    }

    private void schedule(String reason) {
        if (!leader) {
            return;
        }
        if (scheduledRun != null && !scheduledRun.isDone()) {
            LOG.trace("planning already scheduled; joining: {}", reason);
            return;
        }
        LOG.debug("planning in {}: {}", debounce, reason);
        scheduledRun = executor.schedule(this::runSafely, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelScheduledRun() {
        if (scheduledRun != null) {
            scheduledRun.cancel(false);
            scheduledRun = null;
        }
    }

    private void runSafely() {
        scheduledRun = null;
        if (!leader) {
            return;
        }
        try {
            run();
        } catch (RuntimeException e) {
            // keep the old plans; the cause is usually a member leaving mid-run: reload and try again
            LOG.error("planning failed; keeping the current plans and retrying: {}", e.toString(), e);
            dirty.addAll(inventories.keySet());
            inventories.clear();
            held = repairAndLoadHeldQuietly();
            forgetPlans();
            executor.schedule(() -> schedule("retry after failure"), 1, TimeUnit.SECONDS);
        }
    }

    private Map<String, Long> repairAndLoadHeldQuietly() {
        try {
            return repairAndLoadHeld();
        } catch (RuntimeException e) {
            LOG.warn("reloading plan versions failed: {}", e.toString());
            return held;
        }
    }

    // ---- one run ----

    private void run() {
        long start = nanoTicker.getAsLong();
        refreshInventories();
        if (waitingForResends()) {
            return;
        }
        Set<String> expired = leases.expired(inventories.keySet(), clock.instant());
        Set<ClusterPair> held = routedPathGate();
        PlanningInput input = new PlanningInput(new ArrayList<>(inventories.values()), expired,
                previousAllocations(), transitSwitchCount, held);
        long planStart = nanoTicker.getAsLong();
        FederationPlan plan;
        try {
            plan = planner.replan(previousPlan, previousInput, input);
        } catch (PlanningException e) {
            LOG.error("the planner refused the inventories: {}; plans unchanged", e.getMessage());
            return;
        }
        long planEnd = nanoTicker.getAsLong();
        PlanChanges.Result changes = PlanChanges.between(previousPlan, plan);
        long diffEnd = nanoTicker.getAsLong();
        Map<String, Long> versions = storeAll(plan, changes);
        long storeEnd = nanoTicker.getAsLong();
        previousPlan = plan;
        previousInput = input;
        storeAllocations(plan.transitAllocations());
        storeSummary(plan);
        plannedExpired = expired;
        Duration total = Duration.ofNanos(nanoTicker.getAsLong() - start);
        stats.record(new PlanningStats.Run(inventories.size(), versions.size(),
                Duration.ofNanos(planEnd - planStart), Duration.ofNanos(diffEnd - planEnd),
                Duration.ofNanos(storeEnd - diffEnd), total));
        if (!versions.isEmpty()) {
            String listed = versions.entrySet().stream().limit(MAX_LOGGED_VERSIONS)
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))
                    + (versions.size() > MAX_LOGGED_VERSIONS ? ", ... (" + versions.size() + " clusters)" : "");
            LOG.info("planned {} clusters in {} ms (run {}): new plan versions {}", inventories.size(),
                    total.toMillis(), run, listed);
            audit.append(AuditLog.HUB_ACTOR, "plan.stamp", "", "new plan versions " + listed
                    + (expired.isEmpty() ? "" : "; expired leases " + expired));
        }
    }

    /**
     * Feeds what the agents report about interconnection through the hysteresis gate; logs pairs moving to or
     * from the gateway path with what is missing, and schedules a run for when a pending change falls due.
     */
    private Set<ClusterPair> routedPathGate() {
        Instant now = clock.instant();
        RoutedPathGate next = gate.next(RouteHealth.observe(new ArrayList<>(inventories.values())), now,
                RoutedPathGate.Settings.DEFAULT);
        Set<ClusterPair> before = gate.held();
        Set<ClusterPair> after = next.held();
        for (ClusterPair pair : after) {
            if (!before.contains(pair)) {
                ClusterInventory a = inventories.get(pair.first());
                ClusterInventory b = inventories.get(pair.second());
                String why = RouteHealth.missing(pair.first(), a.network(), pair.second(), b.network());
                LOG.warn("clusters {}: interconnection routes not in place ({}); planning them through gateways",
                        pair, why);
                audit.append(AuditLog.HUB_ACTOR, "path.gateway", pair.toString(), why);
            }
        }
        for (ClusterPair pair : before) {
            if (!after.contains(pair) && next.pairs().containsKey(pair)) {
                LOG.info("clusters {}: interconnection routes in place for {} s; planning them routed again", pair,
                        RoutedPathGate.DEFAULT_UP_AFTER_SECONDS);
                audit.append(AuditLog.HUB_ACTOR, "path.routed", pair.toString(), "routes in place");
            }
        }
        gate = next;
        if (gateTimer != null) {
            gateTimer.cancel(false);
            gateTimer = null;
        }
        next.nextChange(RoutedPathGate.Settings.DEFAULT).ifPresent(at -> gateTimer = executor.schedule(
                () -> schedule("routed path hold ends"), Math.max(1, Duration.between(now, at).toMillis()),
                TimeUnit.MILLISECONDS));
        return after;
    }

    private void refreshInventories() {
        if (dirty.isEmpty()) {
            return;
        }
        Map<String, SealedMap.Held<StoredInventory>> fetched = state.inventories().getAllHeld(new HashSet<>(dirty));
        for (String cluster : dirty) {
            SealedMap.Held<StoredInventory> stored = fetched.get(cluster);
            if (stored == null) {
                inventories.remove(cluster);
            } else if (!stored.refused()) {
                inventories.put(cluster, store.decode(stored.value()));
            }
            // refused (forged): plan with what the cluster last sent, until its agent writes again
        }
        dirty.clear();
    }

    private TransitAllocations previousAllocations() {
        if (allocations == null) {
            return TransitAllocations.EMPTY;
        }
        try {
            return mapper.readValue(allocations.json(), TransitAllocations.class);
        } catch (IOException | PlanningException e) {
            LOG.error("stored transit allocations are unreadable ({}); planning from none", e.toString());
            return TransitAllocations.EMPTY;
        }
    }

    /**
     * Stores one run: the shared pieces that changed, then each changed cluster's new version in its history,
     * then the version map, then the run as committed. A version is announced only once readable, and a whole
     * plan is assembled only from committed runs (see {@link PlanFeed}).
     *
     * @return cluster id → its new version, for the clusters whose plan changed
     */
    private Map<String, Long> storeAll(FederationPlan plan, PlanChanges.Result changes) {
        long thisRun = ++run;
        codec.newRun();
        List<CompletableFuture<?>> pieces = new ArrayList<>();
        for (ServiceKey service : changes.services()) {
            ServicePlan variants = plan.services().get(service);
            pieces.add(storePiece(ContentView.serviceKey(service), variants == null ? null : codec.service(variants),
                    thisRun));
        }
        for (String cluster : changes.clusterParts()) {
            pieces.add(storePiece(ContentView.clusterKey(cluster),
                    plan.paths().indexOf(cluster) < 0 ? null : codec.cluster(plan, cluster), thisRun));
        }
        if (changes.interconnect()) {
            pieces.add(storePiece(HubState.INTERCONNECT_KEY, codec.json(plan.interconnect()), thisRun));
        }
        await(pieces, "storing " + pieces.size() + " plan pieces");
        Map<String, Long> stamped = new TreeMap<>();
        List<CompletableFuture<?>> pending = new ArrayList<>(changes.clusters().size());
        changes.clusters().forEach((cluster, change) -> {
            long version = held.getOrDefault(cluster, 0L) + 1;
            byte[] delta = change.resync() ? null : codec.delta(new PlanDelta(cluster, version, change.upserts(),
                    change.removals(), change.exportStatus(), change.interconnect() ? plan.interconnect() : null,
                    change.gatewayPeers()));
            pending.add(state.history(cluster).addAsync(new StoredPlan(version, thisRun, delta), OverflowPolicy.OVERWRITE)
                    .toCompletableFuture());
            stamped.put(cluster, version);
        });
        await(pending, "storing " + pending.size() + " plan versions");
        // announced together, once every version is readable: one batch rather than one write per cluster
        await(List.of(state.planVersions().setAllAsync(stamped).toCompletableFuture()),
                "announcing " + stamped.size() + " plan versions");
        held.putAll(stamped);
        state.commitRun(thisRun);
        return stamped;
    }

    private CompletableFuture<?> storePiece(String key, java.io.Serializable value, long thisRun) {
        StoredContent old = written.get(key);
        if (old == null && value == null) {
            return CompletableFuture.completedFuture(null);
        }
        StoredContent next = old == null ? new StoredContent(thisRun, value, 0, null) : old.then(thisRun, value);
        written.put(key, next);
        return state.planContent().setAsync(key, next).toCompletableFuture();
    }

    private static void await(List<CompletableFuture<?>> pending, String what) {
        try {
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
                    .get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        }
    }

    private void storeAllocations(TransitAllocations next) {
        if (next.equals(previousAllocations()) && allocations != null) {
            return;
        }
        if (allocations == null && next.hostIndexes().isEmpty()) {
            return;
        }
        try {
            AllocationsRecord record = new AllocationsRecord(allocations == null ? 1 : allocations.revision() + 1,
                    mapper.writeValueAsBytes(next));
            state.allocations().set(HubState.ALLOCATIONS_KEY, record);
            allocations = record;
            audit.append(AuditLog.HUB_ACTOR, "allocations.change", "", "transit allocations revision "
                    + record.revision() + ": " + next.hostIndexes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode transit allocations", e);
        }
    }

    private void storeSummary(FederationPlan plan) {
        int exports = inventories.values().stream().mapToInt(i -> i.exports().size()).sum();
        // every exported service is one import of the set: the plan holds each once
        int held = gate.held().size();
        HubSummary summary = new HubSummary(plan.clusterIds().size(), exports, plan.services().size(),
                gate.pairs().size() - held, held);
        if (!summary.equals(storedSummary)) {
            state.summary().set(HubState.SUMMARY_KEY, summary);
            storedSummary = summary;
        }
    }
}
