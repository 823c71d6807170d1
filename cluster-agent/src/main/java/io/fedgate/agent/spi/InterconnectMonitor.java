package io.fedgate.agent.spi;

import io.fedgate.api.model.InterconnectState;

/**
 * Reads what OVN interconnection achieved in this cluster's availability zone (ovn-ic's lock, the AZ's
 * registration in IC-SB, the routes learned into the NB) and never writes. Implemented with the
 * {@code interconnect} module, wired by the {@code cli}.
 *
 * <p>The agent calls {@link #observe} from its own observation thread, every
 * {@code AgentConfig.interconnectObserveInterval()} while {@code kube-system/ovn-ic-config} enables
 * interconnection, in both ownership modes; it sends the hub a new inventory only when the state changed.
 */
public interface InterconnectMonitor {

    /** Observes nothing: the agent then reports no interconnect state (clusters without Kube-OVN, tests). */
    InterconnectMonitor NONE = (availabilityZone, interconnect) -> null;

    /**
     * What interconnection achieved now. Must not throw: a database that cannot be read is a problem in the
     * returned state (and the state is then not healthy).
     *
     * @param availabilityZone the AZ name from {@code ovn-ic-config}'s {@code az-name}
     * @param interconnect     where {@code ovn-ic-config} says the IC databases are; null when it names none
     * @return the state, whose mode the agent replaces with its own; null when this monitor does not observe
     */
    InterconnectState observe(String availabilityZone, InterconnectDatabases interconnect);
}
