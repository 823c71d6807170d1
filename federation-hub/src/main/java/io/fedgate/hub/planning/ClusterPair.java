package io.fedgate.hub.planning;

/**
 * An unordered pair of distinct clusters, stored sorted ({@code first < second}).
 *
 * @throws PlanningException when an id is blank or both are the same
 */
public record ClusterPair(String first, String second) implements Comparable<ClusterPair> {
    public ClusterPair {
        if (first == null || first.isBlank() || second == null || second.isBlank()) {
            throw new PlanningException("cluster pair (" + first + ", " + second + "): a cluster id is blank");
        }
        if (first.equals(second)) {
            throw new PlanningException("cluster pair (" + first + ", " + second + "): the same cluster twice");
        }
        if (first.compareTo(second) > 0) {
            String t = first;
            first = second;
            second = t;
        }
    }

    /** The pair of {@code a} and {@code b}, in either order. */
    public static ClusterPair of(String a, String b) {
        return new ClusterPair(a, b);
    }

    /** True when {@code clusterId} is one of the pair. */
    public boolean contains(String clusterId) {
        return first.equals(clusterId) || second.equals(clusterId);
    }

    @Override
    public int compareTo(ClusterPair o) {
        int c = first.compareTo(o.first);
        return c != 0 ? c : second.compareTo(o.second);
    }

    @Override
    public String toString() {
        return first + "<->" + second;
    }
}
