package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.TransitSwitch;
import io.fedgate.hub.planning.TransitAllocations;
import java.util.List;

/**
 * The transit switches and the host indexes behind their addresses.
 *
 * @param switches    {@code ts}, {@code ts1}, ... in that order
 * @param allocations the indexes to persist for the next plan
 */
public record TransitLayout(List<TransitSwitch> switches, TransitAllocations allocations) {
    /** No switch, no allocation. */
    public static final TransitLayout EMPTY = new TransitLayout(List.of(), TransitAllocations.EMPTY);

    public TransitLayout {
        switches = List.copyOf(switches);
    }
}
