package io.fedgate.hub.internal.state;

import java.io.Serializable;

/**
 * The transit-switch host indexes the planner handed out, with a revision that grows with every change so
 * that, when members restart with different copies on disk, the newest one wins.
 *
 * @param json {@code TransitAllocations} as JSON
 */
public record AllocationsRecord(long revision, byte[] json) implements Serializable {
    private static final long serialVersionUID = 1L;
}
