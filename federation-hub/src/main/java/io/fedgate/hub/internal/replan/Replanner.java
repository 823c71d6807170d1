package io.fedgate.hub.internal.replan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.ringbuffer.OverflowPolicy;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.hub.internal.audit.AuditLog;
import io.fedgate.hub.internal.state.AllocationsRecord;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.HubSummary;
import io.fedgate.hub.internal.state.InventoryStore;
import io.fedgate.hub.internal.state.StoredInventory;
import io.fedgate.hub.internal.state.StoredPlan;
import io.fedgate.hub.PlanningStats;
import io.fedgate.hub.planning.FederationPlan;
import io.fedgate.hub.planning.FederationPlanner;
import io.fedgate.hub.planning.PlanningException;
import io.fedgate.hub.planning.PlanningInput;
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
 * leader dying mid-store could leave behind (a plan stored in its history but not announced),
 * and plans once. Versions are read from the stored state, so they keep growing across leader changes.
 * Hazelcast OSS offers no fenced lock: during a network partition each side has a leader; the
 * forward-only version and allocation rules keep merging sane, not perfect.
 *
 * <p><b>Steps of one run</b> (all on one thread): {@code refreshInventories} (only the changed ones are
 * fetched and decoded), {@code leases} (expired ones withdraw the cluster's endpoints, its state is kept),
 * {@code plan}, {@code stamp} (versions only for changed content), {@code store} (current plan, history,
 * version map, in that order: a version is announced only once readable), {@code allocations},
 * {@code summary}, {@code audit}.
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
    private final PlanStamper stamper = new PlanStamper();
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
    private Map<String, PlanStamper.Held> held = new HashMap<>();
    private AllocationsRecord allocations;
    private Set<String> plannedExpired = Set.of();
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
        IMap<String, StoredInventory> inventoryMap = state.inventories();
        UUID inventoryListener = inventoryMap.addEntryListener(new InventoryListener(), false);
        unregister.add(() -> inventoryMap.removeEntryListener(inventoryListener));
        IMap<String, Long> leaseMap = state.leases();
        UUID leaseListener = leaseMap.addEntryListener((EntryUpdatedListener<String, Long>) event ->
                heartbeat(event.getKey(), event.getValue()), true);
        UUID leaseAdded = leaseMap.addEntryListener((EntryAddedListener<String, Long>) event ->
                heartbeat(event.getKey(), event.getValue()), true);
        unregister.add(() -> leaseMap.removeEntryListener(leaseListener));
        unregister.add(() -> leaseMap.removeEntryListener(leaseAdded));
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

    /** Forgets a removed cluster at once, so the next run plans without it. */
    public void forget(String clusterId) {
        executor.execute(() -> {
            inventories.remove(clusterId);
            dirty.remove(clusterId);
            held.remove(clusterId);
            leases.forget(clusterId);
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
     * What is held per cluster, after completing any store a dying leader left half done: every plan
     * appended to a history is announced in the version map.
     */
    private Map<String, PlanStamper.Held> repairAndLoadHeld() {
        Map<String, PlanStamper.Held> loaded = new HashMap<>();
        Map<String, Long> announced = new HashMap<>(state.planVersions());
        Set<String> clusters = new HashSet<>(announced.keySet());
        clusters.addAll(state.inventories().keySet());
        for (String cluster : clusters) {
            StoredPlan current = state.currentPlan(cluster);
            long version = announced.getOrDefault(cluster, 0L);
            if (current != null && current.version() > version) {
                LOG.info("cluster {}: plan version {} stored but not announced (announced {}); announcing it",
                        cluster, current.version(), version);
                state.planVersions().set(cluster, current.version());
                version = current.version();
            }
            if (current != null || version > 0) {
                loaded.put(cluster, new PlanStamper.Held(version,
                        current != null && current.version() == version ? current.digest() : null, null));
            }
        }
        return loaded;
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
            executor.schedule(() -> schedule("retry after failure"), 1, TimeUnit.SECONDS);
        }
    }

    private Map<String, PlanStamper.Held> repairAndLoadHeldQuietly() {
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
        PlanningInput input = new PlanningInput(new ArrayList<>(inventories.values()), expired,
                previousAllocations(), transitSwitchCount);
        long planStart = nanoTicker.getAsLong();
        FederationPlan plan;
        try {
            plan = planner.plan(input);
        } catch (PlanningException e) {
            LOG.error("the planner refused the inventories: {}; plans unchanged", e.getMessage());
            return;
        }
        long planEnd = nanoTicker.getAsLong();
        PlanStamper.Result stamped = stamper.stamp(plan.clusterPlans(), held);
        long stampEnd = nanoTicker.getAsLong();
        storeAll(stamped.stamps());
        long storeEnd = nanoTicker.getAsLong();
        held = stamped.held();
        storeAllocations(plan.transitAllocations());
        storeSummary(plan);
        plannedExpired = expired;
        Duration total = Duration.ofNanos(nanoTicker.getAsLong() - start);
        stats.record(new PlanningStats.Run(inventories.size(), stamped.stamps().size(),
                Duration.ofNanos(planEnd - planStart), Duration.ofNanos(stampEnd - planEnd),
                Duration.ofNanos(storeEnd - stampEnd), total));
        if (!stamped.stamps().isEmpty()) {
            String versions = stamped.stamps().stream()
                    .map(s -> s.clusterId() + "=" + s.stored().version()).collect(Collectors.joining(", "));
            LOG.info("planned {} clusters in {} ms: new plan versions {}", inventories.size(),
                    total.toMillis(), versions);
            audit.append(AuditLog.HUB_ACTOR, "plan.stamp", "", "new plan versions " + versions
                    + (expired.isEmpty() ? "" : "; expired leases " + expired));
        }
    }

    private void refreshInventories() {
        if (dirty.isEmpty()) {
            return;
        }
        Map<String, StoredInventory> fetched = state.inventories().getAll(new HashSet<>(dirty));
        for (String cluster : dirty) {
            StoredInventory stored = fetched.get(cluster);
            if (stored == null) {
                inventories.remove(cluster);
            } else {
                inventories.put(cluster, store.decode(stored));
            }
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

    /** Stores every stamp: appended to the history, then announced; clusters in parallel. */
    private void storeAll(List<PlanStamper.Stamp> stamps) {
        IMap<String, Long> versions = state.planVersions();
        List<CompletableFuture<?>> pending = new ArrayList<>(stamps.size());
        for (PlanStamper.Stamp stamp : stamps) {
            String cluster = stamp.clusterId();
            StoredPlan plan = stamp.stored();
            pending.add(state.history(cluster).addAsync(plan, OverflowPolicy.OVERWRITE)
                    .thenCompose(v -> versions.setAsync(cluster, plan.version()))
                    .toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
                    .get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing plans", e);
        } catch (Exception e) {
            throw new IllegalStateException("storing " + stamps.size() + " plans failed: " + e, e);
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
        Set<ServiceKey> services = new HashSet<>();
        inventories.values().forEach(i -> i.exports().stream().map(ExportedService::service).forEach(services::add));
        HubSummary summary = new HubSummary(plan.clusterPlans().size(), exports, services.size());
        state.summary().set(HubState.SUMMARY_KEY, summary);
    }

    private final class InventoryListener implements EntryAddedListener<String, StoredInventory>,
            EntryUpdatedListener<String, StoredInventory>, EntryRemovedListener<String, StoredInventory> {
        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<String, StoredInventory> event) {
            inventoryChanged(event.getKey(), false);
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<String, StoredInventory> event) {
            inventoryChanged(event.getKey(), false);
        }

        @Override
        public void entryRemoved(com.hazelcast.core.EntryEvent<String, StoredInventory> event) {
            inventoryChanged(event.getKey(), true);
        }
    }
}
