package io.fedgate.interconnect.internal;

import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.TransitSwitch;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * IC-NB: one {@code Transit_Switch} per plan entry, marked as ours. New and changed switches go first (so
 * ovn-ic creates them in every AZ while the AZ steps run); switches of ours no longer planned go last,
 * after the AZs have detached from them.
 */
public final class TransitSwitchReconciler {
    /** External id recording the switch's subnet, for operators reading IC-NB. */
    public static final String SUBNET_KEY = "fedgate.io/subnet";

    private final StepRunner runner;

    public TransitSwitchReconciler(StepRunner runner) {
        this.runner = runner;
    }

    /** Read-only: fails as {@link #transitSwitches} would (a planned name taken by a switch not ours), writing nothing. */
    public void preflight(InterconnectPlan plan) {
        transitSwitches(new RowWriter(runner.client().snapshot(), runner.client().label()), plan);
    }

    /** Creates or patches every planned transit switch. */
    public void transitSwitches(InterconnectPlan plan) {
        runner.run("transitSwitches", w -> transitSwitches(w, plan));
    }

    private static void transitSwitches(RowWriter w, InterconnectPlan plan) {
        for (TransitSwitch ts : plan.transitSwitches()) {
            w.reconcile(RowKind.TRANSIT_SWITCH, null, ts.name(), DesiredRow.builder()
                    .mapKey("external_ids", SUBNET_KEY, ts.subnet().toString()).build());
        }
    }

    /** Deletes transit switches of ours that the plan no longer has. */
    public void staleTransitSwitches(InterconnectPlan plan) {
        Set<String> keep = new LinkedHashSet<>();
        plan.transitSwitches().forEach(ts -> keep.add(ts.name()));
        runner.run("staleTransitSwitches",
                w -> w.pruneOwned(RowKind.TRANSIT_SWITCH, w.snapshot().rows(RowKind.TRANSIT_SWITCH.table()), keep));
    }
}
