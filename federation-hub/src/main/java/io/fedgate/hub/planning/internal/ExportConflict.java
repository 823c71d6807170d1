package io.fedgate.hub.planning.internal;

/**
 * One property of a newer export that lost to an older export's value.
 *
 * @param reason CamelCase condition reason, e.g. {@code PortConflict}
 * @param mine   the losing export's value, in words
 * @param theirs the winning value, in words
 * @param winner the cluster whose (older) export the winning value comes from
 */
public record ExportConflict(String reason, String mine, String theirs, String winner) {
    /** E.g. {@code TypeConflict: Headless here conflicts with ClusterSetIP of cluster "a", which is used}. */
    public String describe() {
        return reason + ": " + mine + " here conflicts with " + theirs + " of cluster \"" + winner
                + "\", which is used";
    }
}
