package io.fedgate.hub.internal.state;

import java.io.Serializable;

/** Counts the planner leaves for every member's gauges: clusters planned, exports and distinct imports. */
public record HubSummary(int clusters, int exports, int imports) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Nothing planned yet. */
    public static final HubSummary EMPTY = new HubSummary(0, 0, 0);
}
