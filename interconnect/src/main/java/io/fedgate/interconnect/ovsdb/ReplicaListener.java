package io.fedgate.interconnect.ovsdb;

import java.util.List;

/**
 * Told about every change to the replica: one call per {@code update2} notification, and one per resync
 * after a reconnect (with the difference between the old and the rebuilt replica, so nothing is reported
 * twice). Called on the client's I/O thread: do not block; hand work to your own executor.
 */
@FunctionalInterface
public interface ReplicaListener {
    /**
     * @param changes what changed, never empty
     * @param after   the replica after these changes
     */
    void onChanges(List<RowChange> changes, DatabaseSnapshot after);
}
