package io.fedgate.hub.internal.state;

import java.io.Serializable;

/**
 * One shared piece of the plans (a service's import variants, one cluster's own part, the interconnect plan)
 * as of the planning run that last changed it, and as of the change before. A member assembling a whole plan
 * reads the newest committed run {@code C} first and takes, per piece, the value of the newest run at or
 * before {@code C}: the leader may be writing run {@code C + 1} meanwhile, and keeping the value before it is
 * what lets readers never see half a run.
 *
 * @param value         the piece at {@code run}, null when it was removed then
 * @param previousValue the piece at {@code previousRun}, null when removed or unknown
 */
public record StoredContent(long run, Serializable value, long previousRun, Serializable previousValue)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The piece as of run {@code committed}; {@code Absent} when it did not exist, null when not held any more. */
    public Object asOf(long committed) {
        if (run <= committed) {
            return value == null ? ABSENT : value;
        }
        if (previousRun <= committed) {
            return previousValue == null ? ABSENT : previousValue;
        }
        return null;
    }

    /** The next state: {@code next} at {@code nextRun}, this run's value kept as the previous one. */
    public StoredContent then(long nextRun, Serializable next) {
        return new StoredContent(nextRun, next, run, value);
    }

    /** What {@link #asOf} returns for a piece that did not exist at that run. */
    public static final Object ABSENT = new Object();
}
