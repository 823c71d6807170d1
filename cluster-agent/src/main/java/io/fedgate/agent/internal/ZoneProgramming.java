package io.fedgate.agent.internal;

import io.fedgate.agent.internal.model.IcConfig;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.agent.spi.AvailabilityZoneProgrammingException;
import io.fedgate.agent.spi.InterconnectDatabases;
import io.fedgate.api.model.InterconnectPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when to call the {@link AvailabilityZoneProgrammer}: while {@code ovn-ic-config} enables
 * interconnection, whenever the pair (availability zone, interconnect plan) differs from the last one
 * programmed successfully, including the first plan after a start (so the zone is brought in line with the
 * plan, whether it routes this cluster or no longer does); after interconnection is disabled, once with
 * {@link InterconnectPlan#EMPTY} to withdraw what was programmed. Used from the agent's thread only.
 */
final class ZoneProgramming {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneProgramming.class);

    /** A change of the IC databases' address counts as a change, so the zone is programmed against the new ones. */
    private record Programmed(String availabilityZone, InterconnectPlan plan, InterconnectDatabases databases) {
    }

    private final String clusterId;
    private final boolean kubeOvn;
    private final AvailabilityZoneProgrammer programmer;
    private final AgentMetrics metrics;
    private Programmed last;

    ZoneProgramming(String clusterId, boolean kubeOvn, AvailabilityZoneProgrammer programmer, AgentMetrics metrics) {
        this.clusterId = clusterId;
        this.kubeOvn = kubeOvn;
        this.programmer = programmer;
        this.metrics = metrics;
    }

    /**
     * @param refusal why nothing may be written now (Kube-OVN's ic-controller is active); null when writing is
     *                allowed. A refusal is not retried: the next look that lifts it syncs again.
     * @return false when programming failed and must be retried
     */
    boolean apply(IcConfig ic, InterconnectPlan plan, long planVersion, String refusal) {
        if (refusal != null) {
            return true;
        }
        Programmed target;
        if (kubeOvn && ic.enabled()) {
            target = new Programmed(ic.azName(), plan, ic.icDbHost() == null ? null
                    : new InterconnectDatabases(ic.icDbHost(), ic.icNbPort(), ic.icSbPort()));
        } else if (last != null) {
            target = new Programmed(last.availabilityZone(), InterconnectPlan.EMPTY, last.databases());
        } else {
            return true;
        }
        if (target.equals(last)) {
            return true;
        }
        try {
            programmer.program(target.availabilityZone(), target.plan(), target.databases());
            boolean routed = target.plan().zone(target.availabilityZone()) != null;
            LOG.info("cluster {}: availability zone {} programmed for plan version {} ({})", clusterId,
                    target.availabilityZone(), planVersion, routed ? "routed" : "not routed");
            last = target.plan() == InterconnectPlan.EMPTY ? null : target;
            metrics.zoneProgrammed(true);
            return true;
        } catch (AvailabilityZoneProgrammingException e) {
            LOG.warn("cluster {}: availability zone {} not programmed for plan version {}: {}; retrying", clusterId,
                    target.availabilityZone(), planVersion, e.getMessage());
            metrics.zoneProgrammed(false);
            return false;
        }
    }
}
