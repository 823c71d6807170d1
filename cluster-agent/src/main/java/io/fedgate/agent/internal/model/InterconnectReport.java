package io.fedgate.agent.internal.model;

import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.InterconnectState;
import java.util.ArrayList;
import java.util.List;

/**
 * What the agent reports about interconnection, and whether it may write IC rows, from one look: the state for
 * the inventory's {@code network.interconnect} (null: nothing to report) and, in {@code fedgate} mode, why the
 * agent must not program the availability zone now (null: it may).
 *
 * @param state   the observed state with the agent's own findings among its problems; null when not reported
 * @param refusal why fedgate mode writes nothing now, one sentence; null when it may write
 */
public record InterconnectReport(InterconnectState state, String refusal) {
    /** Nothing to report, nothing refused: the state before the first look. */
    public static final InterconnectReport NONE = new InterconnectReport(null, null);

    static final String MISSING_CONFIG = IcConfig.NAMESPACE + "/" + IcConfig.NAME + ": not found, so Kube-OVN "
            + "runs no interconnection here (its chart's func.ENABLE_IC=false) and no ovn-ic serves this cluster";

    /**
     * Composes one look. Pure.
     *
     * @param configFound         {@code ovn-ic-config} exists
     * @param ic                  what it says
     * @param controllerActive    in fedgate mode, why Kube-OVN's ic-controller counts as active (its Deployment
     *                            has ready replicas, or cannot be read); null when it is not, or not checked
     * @param observed            what the {@link io.fedgate.agent.spi.InterconnectMonitor} read; null when it
     *                            was not asked (interconnection off) or does not observe
     * @param observing           a monitor is configured: without one only the refusal is decided
     */
    public static InterconnectReport of(InterconnectMode mode, boolean configFound, IcConfig ic,
                                        String controllerActive, InterconnectState observed, boolean observing) {
        String refusal = null;
        if (mode == InterconnectMode.FEDGATE && ic.enabled() && controllerActive != null) {
            refusal = controllerActive + " while " + IcConfig.NAMESPACE + "/" + IcConfig.NAME
                    + " enable-ic is \"true\": Kube-OVN's ic-controller owns interconnection, so fedgate mode writes "
                    + "no IC row (switch the agent to interconnect.mode=kube-ovn, or Kube-OVN's func.ENABLE_IC off)";
        }
        List<String> problems = new ArrayList<>();
        if (!configFound) {
            problems.add(MISSING_CONFIG);
        }
        problems.addAll(ic.problems());
        if (ic.enabled() && ic.icDbHost() == null) {
            problems.add(IcConfig.NAMESPACE + "/" + IcConfig.NAME + " data." + IcConfig.IC_DB_HOST
                    + ": missing while enable-ic is \"true\"; IC-SB is unknown, so the AZ's registration is unknown");
        }
        if (refusal != null) {
            problems.add(refusal);
        }
        if (!observing || (observed == null && problems.isEmpty())) {
            return new InterconnectReport(null, refusal);
        }
        InterconnectState seen = observed != null ? observed
                : new InterconnectState(mode, false, false, List.of(), List.of());
        List<String> all = new ArrayList<>(seen.problems());
        problems.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return new InterconnectReport(new InterconnectState(mode, seen.daemonActive(), seen.registered(),
                seen.learnedPrefixes(), all), refusal);
    }
}
