package io.fedgate.interconnect;

import java.time.Duration;
import java.util.List;

/**
 * What one {@code apply} or {@code leave} changed.
 *
 * @param planVersion  the plan applied (0 for leave)
 * @param changes      every row written, in order
 * @param transactions transactions sent (0 when nothing needed writing)
 * @param elapsed      wall time of the pass
 */
public record ChangeReport(long planVersion, List<Change> changes, int transactions, Duration elapsed) {
    public ChangeReport {
        changes = List.copyOf(changes);
    }

    /** Rows written. */
    public int writes() {
        return changes.size();
    }

    /** True when nothing had to be written. */
    public boolean isNoop() {
        return changes.isEmpty() && transactions == 0;
    }

    /** One line per change, or a line saying nothing changed. */
    public String render() {
        if (changes.isEmpty()) {
            return "no changes (plan version " + planVersion + " already in place)";
        }
        StringBuilder sb = new StringBuilder();
        for (Change c : changes) {
            sb.append(c.render()).append('\n');
        }
        sb.append(changes.size()).append(" rows written in ").append(transactions).append(" transactions, ")
                .append(elapsed.toMillis()).append(" ms");
        return sb.toString();
    }
}
