package io.fedgate.hub.internal.state;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.Ringbuffer;

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
 */
public final class HubState {
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
    /** SHA-256 of a token → {@link TokenRecord}. */
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

    private final HazelcastInstance hazelcast;

    /** The structures of the member {@code hazelcast}. */
    public HubState(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
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

    /** The {@value #INVENTORIES} map. */
    public IMap<String, StoredInventory> inventories() {
        return hazelcast.getMap(INVENTORIES);
    }

    /** The {@value #LEASES} map. */
    public IMap<String, Long> leases() {
        return hazelcast.getMap(LEASES);
    }

    /** The {@value #PLAN_VERSIONS} map. */
    public IMap<String, Long> planVersions() {
        return hazelcast.getMap(PLAN_VERSIONS);
    }

    /** The {@value #CA} map. */
    public IMap<String, CaRecord> ca() {
        return hazelcast.getMap(CA);
    }

    /** The {@value #TOKENS} map. */
    public IMap<String, TokenRecord> tokens() {
        return hazelcast.getMap(TOKENS);
    }

    /** The {@value #ALLOCATIONS} map. */
    public IMap<String, AllocationsRecord> allocations() {
        return hazelcast.getMap(ALLOCATIONS);
    }

    /** The {@value #CLUSTER_STATUS} map. */
    public IMap<String, ClusterStatus> clusterStatus() {
        return hazelcast.getMap(CLUSTER_STATUS);
    }

    /** The {@value #AUDIT} map. */
    public IMap<Long, byte[]> audit() {
        return hazelcast.getMap(AUDIT);
    }

    /** The {@value #SUMMARY} map. */
    public IMap<String, HubSummary> summary() {
        return hazelcast.getMap(SUMMARY);
    }

    /** The plan history of {@code clusterId}. */
    public Ringbuffer<StoredPlan> history(String clusterId) {
        return hazelcast.getRingbuffer(PLAN_HISTORY_PREFIX + clusterId);
    }

    /** The {@value #PLAN_CONTENT} map. */
    public IMap<String, StoredContent> planContent() {
        return hazelcast.getMap(PLAN_CONTENT);
    }

    /** The newest committed planning run, 0 when none. */
    public long committedRun() {
        Long run = hazelcast.<String, Long>getMap(PLAN_COMMITTED).get(COMMITTED_KEY);
        return run == null ? 0 : run;
    }

    /** Records {@code run} as committed. */
    public void commitRun(long run) {
        hazelcast.<String, Long>getMap(PLAN_COMMITTED).set(COMMITTED_KEY, run);
    }

    /** The newest entry of the plan history of {@code clusterId}; null when it has none. */
    public StoredPlan newestPlan(String clusterId) {
        Ringbuffer<StoredPlan> ring = history(clusterId);
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
}
