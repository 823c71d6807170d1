package io.fedgate.hub.internal.replan;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cluster leases, judged at a given instant (a pure state machine; time is always passed in). A cluster's
 * lease runs {@code duration} from its last heartbeat or inventory write; at {@code lastSeen + duration} it
 * has expired. A planned cluster with no heartbeat on record is expired. {@link #check} also reports which
 * leases expired or came back since the previous check, once each.
 */
public final class LeaseTable {
    private final Duration duration;
    private final Map<String, Instant> lastSeen = new HashMap<>();
    private Set<String> expiredAtLastCheck = new TreeSet<>();

    /** What changed between two checks. */
    public record Changes(Set<String> expired, Set<String> newlyExpired, Set<String> restored) {
        /** True when some lease expired or came back. */
        public boolean any() {
            return !newlyExpired.isEmpty() || !restored.isEmpty();
        }
    }

    /**
     * @param duration how long a lease runs without a heartbeat; positive
     */
    public LeaseTable(Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("lease duration (" + duration + ") must be positive");
        }
        this.duration = duration;
    }

    /** Records a heartbeat of {@code clusterId} at {@code at} (an older one than held is ignored). */
    public synchronized void heartbeat(String clusterId, Instant at) {
        lastSeen.merge(clusterId, at, (held, incoming) -> incoming.isAfter(held) ? incoming : held);
    }

    /** Forgets {@code clusterId}. */
    public synchronized void forget(String clusterId) {
        lastSeen.remove(clusterId);
        expiredAtLastCheck.remove(clusterId);
    }

    /** When {@code clusterId}'s lease runs out, or null without a heartbeat on record. */
    public synchronized Instant expiresAt(String clusterId) {
        Instant seen = lastSeen.get(clusterId);
        return seen == null ? null : seen.plus(duration);
    }

    /** The clusters among {@code clusters} whose lease has expired at {@code now}, sorted. */
    public synchronized Set<String> expired(Collection<String> clusters, Instant now) {
        Set<String> expired = new TreeSet<>();
        for (String cluster : clusters) {
            Instant seen = lastSeen.get(cluster);
            if (seen == null || !now.isBefore(seen.plus(duration))) {
                expired.add(cluster);
            }
        }
        return expired;
    }

    /** Takes the leases expired at {@code now} as known, without reporting them (a new leader starting). */
    public synchronized void prime(Collection<String> clusters, Instant now) {
        expiredAtLastCheck = expired(clusters, now);
    }

    /** {@link #expired} at {@code now}, and what changed since the previous check. */
    public synchronized Changes check(Collection<String> clusters, Instant now) {
        Set<String> expired = expired(clusters, now);
        Set<String> newlyExpired = new TreeSet<>(expired);
        newlyExpired.removeAll(expiredAtLastCheck);
        Set<String> restored = new TreeSet<>(expiredAtLastCheck);
        restored.removeAll(expired);
        restored.retainAll(clusters);
        expiredAtLastCheck = expired;
        return new Changes(expired, newlyExpired, restored);
    }
}
