package io.fedgate.hub.internal.state;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import io.fedgate.hub.internal.sealing.Sealing;
import io.fedgate.hub.internal.sealing.SealedMap;
import io.fedgate.hub.internal.sealing.SealedRing;
import java.util.List;

/**
 * The hub's distributed state: every Hazelcast structure by name, and how they are configured.
 *
 * <p>Every map and ring buffer keeps one synchronous backup on another member (backup-count 1, no async
 * backups, reads from the owner only), so losing any one member loses nothing. Two kinds of state:
 * <ul>
 *   <li><b>soft</b>, rebuilt from agents after a total hub loss: {@code inventories}, {@code leases}, the
 *       plan histories, the plan content and committed run, {@code summary};</li>
 *   <li><b>decided by the hub</b>, also written to every member's {@code dataDir} (see {@link StateFiles}):
 *       {@code ca}, {@code tokens}, {@code allocations}, {@code plan-versions}, {@code cluster-status}, and
 *       the audit log.</li>
 * </ul>
 *
 * <p>Every value is sealed ({@link io.fedgate.hub.internal.sealing.StateSealer}): the structures are seen
 * through {@link SealedMap} and {@link SealedRing}, which open each value for its map and entry and refuse what
 * does not open. The maps of what only the hub decides also refuse values older than one the member saw
 * ({@link PersistedMap#behind}).
 */
public final class HubState implements AutoCloseable {
    /** Cluster id → {@link StoredInventory}. */
    public static final String INVENTORIES = "fedgate.inventories";
    /** Cluster id → last heartbeat (epoch millis). */
    public static final String LEASES = "fedgate.leases";
    /**
     * Ring buffer name prefix; one ring per cluster holds its last plan versions ({@link StoredPlan}: what changed),
     * oldest first.
     */
    public static final String PLAN_HISTORY_PREFIX = "fedgate.plan-history.";
    /**
     * What the plans share, stored once ({@link StoredContent}): {@code s:<namespace>/<name>} → a service's import
     * variants ({@link ServiceContent}), {@code c:<cluster>} → a cluster's own part ({@link ClusterContent}),
     * {@value #INTERCONNECT_KEY} → the interconnect plan JSON.
     */
    public static final String PLAN_CONTENT = "fedgate.plan-content";
    /** {@value #COMMITTED_KEY} → the newest planning run whose content, histories and versions are all stored. */
    public static final String PLAN_COMMITTED = "fedgate.plan-committed";
    /** The key of the interconnect plan in {@link #PLAN_CONTENT}. */
    public static final String INTERCONNECT_KEY = "i";
    /** The one key of {@link #PLAN_COMMITTED}. */
    public static final String COMMITTED_KEY = "run";
    /** Cluster id → newest plan version; persisted, so versions keep growing across total restarts. */
    public static final String PLAN_VERSIONS = "fedgate.plan-versions";
    /** {@value #CA_KEY} → {@link CaRecord}. */
    public static final String CA = "fedgate.ca";
    /** HMAC of a token ({@code StateSealer.tokenKeys}) → {@link TokenRecord}. */
    public static final String TOKENS = "fedgate.tokens";
    /** {@value #ALLOCATIONS_KEY} → {@link AllocationsRecord}. */
    public static final String ALLOCATIONS = "fedgate.allocations";
    /** Cluster id → {@link ClusterStatus}. */
    public static final String CLUSTER_STATUS = "fedgate.cluster-status";
    /** Sequence number → audit record JSON. */
    public static final String AUDIT = "fedgate.audit";
    /** {@value #SUMMARY_KEY} → {@link HubSummary}. */
    public static final String SUMMARY = "fedgate.summary";
    /** The one key of {@link #CA}. */
    public static final String CA_KEY = "ca";
    /** The one key of {@link #ALLOCATIONS}. */
    public static final String ALLOCATIONS_KEY = "transit";
    /** The one key of {@link #SUMMARY}. */
    public static final String SUMMARY_KEY = "summary";

    /** Every map, each of whose entries is sealed for the map and its key. */
    public static final List<String> MAPS = List.of(INVENTORIES, LEASES, PLAN_CONTENT, PLAN_COMMITTED, PLAN_VERSIONS,
            CA, TOKENS, ALLOCATIONS, CLUSTER_STATUS, AUDIT, SUMMARY);

    private final HazelcastInstance hazelcast;
    private final Sealing sealing;
    private final SealedMap<String, StoredInventory> inventories;
    private final SealedMap<String, Long> leases;
    private final SealedMap<String, Long> planVersions;
    private final SealedMap<String, CaRecord> ca;
    private final SealedMap<String, TokenRecord> tokens;
    private final SealedMap<String, AllocationsRecord> allocations;
    private final SealedMap<String, ClusterStatus> clusterStatus;
    private final SealedMap<Long, byte[]> audit;
    private final SealedMap<String, HubSummary> summary;
    private final SealedMap<String, StoredContent> planContent;
    private final SealedMap<String, Long> committed;

    /** The structures of the member {@code hazelcast}, sealed with {@code sealing}. */
    public HubState(HazelcastInstance hazelcast, Sealing sealing) {
        this.hazelcast = hazelcast;
        this.sealing = sealing;
        this.inventories = map(INVENTORIES, StoredInventory.class, null);
        this.leases = map(LEASES, Long.class, null);
        this.planVersions = map(PLAN_VERSIONS, Long.class, PersistedMap.PLAN_VERSIONS::behind);
        this.ca = map(CA, CaRecord.class, null);
        this.tokens = map(TOKENS, TokenRecord.class, PersistedMap.TOKENS::behind);
        this.allocations = map(ALLOCATIONS, AllocationsRecord.class, PersistedMap.ALLOCATIONS::behind);
        this.clusterStatus = map(CLUSTER_STATUS, ClusterStatus.class, PersistedMap.CLUSTER_STATUS::behind);
        this.audit = map(AUDIT, byte[].class, null);
        this.summary = map(SUMMARY, HubSummary.class, null);
        this.planContent = map(PLAN_CONTENT, StoredContent.class, null);
        this.committed = map(PLAN_COMMITTED, Long.class, null);
    }

    /**
     * Adds fedgate's map and ring buffer settings to {@code config}.
     *
     * @param historySize plan versions kept per cluster
     */
    public static void configure(Config config, int historySize) {
        config.addMapConfig(new MapConfig("fedgate.*").setBackupCount(1).setAsyncBackupCount(0)
                .setReadBackupData(false).setInMemoryFormat(InMemoryFormat.BINARY));
        config.addRingBufferConfig(new RingbufferConfig(PLAN_HISTORY_PREFIX + "*").setCapacity(historySize)
                .setBackupCount(1).setAsyncBackupCount(0).setTimeToLiveSeconds(0));
    }

    /** The member these structures live on. */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** What the structures are sealed with. */
    public Sealing sealing() {
        return sealing;
    }

    /** The {@value #INVENTORIES} map. */
    public SealedMap<String, StoredInventory> inventories() {
        return inventories;
    }

    /** The {@value #LEASES} map. */
    public SealedMap<String, Long> leases() {
        return leases;
    }

    /** The {@value #PLAN_VERSIONS} map. */
    public SealedMap<String, Long> planVersions() {
        return planVersions;
    }

    /** The {@value #CA} map. */
    public SealedMap<String, CaRecord> ca() {
        return ca;
    }

    /** The {@value #TOKENS} map. */
    public SealedMap<String, TokenRecord> tokens() {
        return tokens;
    }

    /** The {@value #ALLOCATIONS} map. */
    public SealedMap<String, AllocationsRecord> allocations() {
        return allocations;
    }

    /** The {@value #CLUSTER_STATUS} map. */
    public SealedMap<String, ClusterStatus> clusterStatus() {
        return clusterStatus;
    }

    /** The {@value #AUDIT} map. */
    public SealedMap<Long, byte[]> audit() {
        return audit;
    }

    /** The {@value #SUMMARY} map. */
    public SealedMap<String, HubSummary> summary() {
        return summary;
    }

    /** The map of {@code kind}. */
    public SealedMap<String, ?> persisted(PersistedMap kind) {
        return switch (kind) {
            case PLAN_VERSIONS -> planVersions;
            case TOKENS -> tokens;
            case ALLOCATIONS -> allocations;
            case CLUSTER_STATUS -> clusterStatus;
        };
    }

    /** The plan history of {@code clusterId}. */
    public SealedRing<StoredPlan> history(String clusterId) {
        return new SealedRing<>(hazelcast.getRingbuffer(PLAN_HISTORY_PREFIX + clusterId), StoredPlan.class, sealing);
    }

    /** The {@value #PLAN_CONTENT} map. */
    public SealedMap<String, StoredContent> planContent() {
        return planContent;
    }

    /** The newest committed planning run, 0 when none. */
    public long committedRun() {
        Long run = committed.get(COMMITTED_KEY);
        return run == null ? 0 : run;
    }

    /** Records {@code run} as committed. */
    public void commitRun(long run) {
        committed.set(COMMITTED_KEY, run);
    }

    /** The newest entry of the plan history of {@code clusterId}; null when it has none or it is refused. */
    public StoredPlan newestPlan(String clusterId) {
        SealedRing<StoredPlan> ring = history(clusterId);
        long tail = ring.tailSequence();
        if (tail < 0) {
            return null;
        }
        try {
            return ring.readOne(tail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the plan of cluster " + clusterId, e);
        }
    }

    /** Stops what the maps listen to themselves. */
    @Override
    public void close() {
        List.of(planVersions, tokens, allocations, clusterStatus).forEach(SealedMap::close);
    }

    private <K, V> SealedMap<K, V> map(String name, Class<V> type, SealedMap.Forward<V> forward) {
        return new SealedMap<>(hazelcast.getMap(name), type, sealing, forward);
    }
}
