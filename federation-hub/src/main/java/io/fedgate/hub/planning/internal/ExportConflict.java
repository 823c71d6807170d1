package io.fedgate.hub.planning.internal;

/**
 * One property in which a newer export differs from the oldest export of its service.
 *
 * @param reason  CamelCase condition reason, e.g. {@code PortConflict}
 * @param mine    the newer export's value, in words
 * @param theirs  the older value, in words
 * @param winner  the cluster whose (older) export {@code theirs} comes from
 * @param outcome what the import has instead, in words: {@code which is used} or {@code the import has the union}
 */
public record ExportConflict(String reason, String mine, String theirs, String winner, String outcome) {
    /** What the import has when the older value wins outright. */
    public static final String OLDER_IS_USED = "which is used";

    /** A conflict the older value wins outright. */
    public ExportConflict(String reason, String mine, String theirs, String winner) {
        this(reason, mine, theirs, winner, OLDER_IS_USED);
    }

    /** E.g. {@code TypeConflict: type Headless here conflicts with type ClusterSetIP of cluster "a", which is used}. */
    public String describe() {
        return reason + ": " + mine + " here conflicts with " + theirs + " of cluster \"" + winner + "\", " + outcome;
    }
}
