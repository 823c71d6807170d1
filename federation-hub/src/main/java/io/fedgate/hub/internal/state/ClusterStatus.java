package io.fedgate.hub.internal.state;

import java.io.Serializable;

/**
 * When a cluster last joined and was last removed. A cluster whose removal is newer than its last join is
 * refused writes until it joins again. Both times only grow, so copies from several members merge by taking
 * the later of each.
 *
 * @param removedAtMillis 0 when never removed
 * @param joinedAtMillis  0 when never joined through this hub
 */
public record ClusterStatus(long removedAtMillis, String removedBy, long joinedAtMillis) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** True when the cluster was removed and has not joined since. */
    public boolean removed() {
        return removedAtMillis > joinedAtMillis;
    }

    /** The later of each time of this and {@code other}. */
    public ClusterStatus merge(ClusterStatus other) {
        boolean theirsRemovedLater = other.removedAtMillis > removedAtMillis;
        return new ClusterStatus(Math.max(removedAtMillis, other.removedAtMillis),
                theirsRemovedLater ? other.removedBy : removedBy, Math.max(joinedAtMillis, other.joinedAtMillis));
    }
}
