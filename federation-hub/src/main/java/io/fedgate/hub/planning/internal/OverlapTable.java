package io.fedgate.hub.planning.internal;

import java.util.List;

/**
 * The conflicting overlap ({@link AddressSpace#conflictWith}) of every cluster pair, computed once per plan:
 * both the interconnect group and path selection ask for it.
 */
public final class OverlapTable {
    private final List<AddressSpace> spaces;
    private final PrefixOverlap[] overlaps;

    private OverlapTable(List<AddressSpace> spaces, PrefixOverlap[] overlaps) {
        this.spaces = spaces;
        this.overlaps = overlaps;
    }

    /** The overlaps of {@code spaces}, by their positions in the list. */
    public static OverlapTable of(List<AddressSpace> spaces) {
        int n = spaces.size();
        PrefixOverlap[] overlaps = new PrefixOverlap[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                // the rule is symmetric, so one check serves both orders
                PrefixOverlap overlap = spaces.get(i).conflictWith(spaces.get(j));
                if (overlap != null) {
                    overlaps[i * n + j] = overlap;
                    overlaps[j * n + i] = overlap.reversed();
                }
            }
        }
        return new OverlapTable(List.copyOf(spaces), overlaps);
    }

    /** The address spaces, in the order given to {@link #of}. */
    public List<AddressSpace> spaces() {
        return spaces;
    }

    /** The conflicting overlap of cluster {@code a} with cluster {@code b} ({@code mine} is a's), or null. */
    public PrefixOverlap conflict(int a, int b) {
        return a == b ? null : overlaps[a * spaces.size() + b];
    }
}
