package io.fedgate.hub.internal.state;

/**
 * The maps holding what only the hub decides, each with its file under {@code dataDir/state/} and the rule
 * that merges two copies of an entry (the cluster's and one read from a member's disk). Every rule only moves
 * forward, so merging in any order, any number of times, gives the same result, and a member whose disk
 * is stale cannot roll the cluster back.
 */
public enum PersistedMap {
    /** Newest plan version per cluster: the higher one. */
    PLAN_VERSIONS(HubState.PLAN_VERSIONS, "plan-versions.json", Long.class) {
        @Override
        Object merge(Object current, Object incoming) {
            return Math.max((Long) current, (Long) incoming);
        }

        @Override
        public boolean behind(Object held, Object incoming) {
            return (Long) incoming < (Long) held;
        }
    },
    /** Join tokens: a token either copy saw redeemed is redeemed (at the earlier time). */
    TOKENS(HubState.TOKENS, "tokens.json", TokenRecord.class) {
        @Override
        Object merge(Object current, Object incoming) {
            TokenRecord ours = (TokenRecord) current;
            TokenRecord theirs = (TokenRecord) incoming;
            if (theirs.used() && (!ours.used() || theirs.usedAtMillis() < ours.usedAtMillis())) {
                return theirs;
            }
            return ours;
        }

        @Override
        public boolean behind(Object held, Object incoming) {
            return ((TokenRecord) held).used() && !((TokenRecord) incoming).used();
        }
    },
    /** Transit allocations: the higher revision. */
    ALLOCATIONS(HubState.ALLOCATIONS, "allocations.json", AllocationsRecord.class) {
        @Override
        Object merge(Object current, Object incoming) {
            return ((AllocationsRecord) incoming).revision() > ((AllocationsRecord) current).revision()
                    ? incoming : current;
        }

        @Override
        public boolean behind(Object held, Object incoming) {
            return ((AllocationsRecord) incoming).revision() < ((AllocationsRecord) held).revision();
        }
    },
    /** Joins and removals: the later of each. */
    CLUSTER_STATUS(HubState.CLUSTER_STATUS, "cluster-status.json", ClusterStatus.class) {
        @Override
        Object merge(Object current, Object incoming) {
            return ((ClusterStatus) current).merge((ClusterStatus) incoming);
        }

        @Override
        public boolean behind(Object held, Object incoming) {
            ClusterStatus ours = (ClusterStatus) held;
            ClusterStatus theirs = (ClusterStatus) incoming;
            return theirs.removedAtMillis() < ours.removedAtMillis() || theirs.joinedAtMillis() < ours.joinedAtMillis();
        }
    };

    private final String mapName;
    private final String fileName;
    private final Class<?> valueType;

    PersistedMap(String mapName, String fileName, Class<?> valueType) {
        this.mapName = mapName;
        this.fileName = fileName;
        this.valueType = valueType;
    }

    /** The Hazelcast map. */
    public String mapName() {
        return mapName;
    }

    /** The file under {@code dataDir/state/}. */
    public String fileName() {
        return fileName;
    }

    /** The map's value type. */
    public Class<?> valueType() {
        return valueType;
    }

    /** The entry to keep of two copies; both non-null. */
    abstract Object merge(Object current, Object incoming);

    /**
     * True when {@code incoming} is older than {@code held} by this map's rule (both non-null): read after
     * {@code held}, it can only be a replay of an old value.
     */
    public abstract boolean behind(Object held, Object incoming);
}
