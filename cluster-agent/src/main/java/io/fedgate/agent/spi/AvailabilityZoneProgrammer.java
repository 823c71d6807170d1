package io.fedgate.agent.spi;

import io.fedgate.api.model.InterconnectPlan;

/**
 * Writes this cluster's own side of OVN interconnection into its availability zone's northbound database:
 * transit switch router ports, gateway chassis, route advertisement and the route denylist. Implemented
 * by the {@code interconnect} module, wired by the {@code cli}.
 *
 * <p>The agent calls {@link #program} from its own thread when ovn-ic is enabled in
 * {@code kube-system/ovn-ic-config} and the pair (availability zone, interconnect plan) differs from the last
 * one programmed successfully; it retries with backoff when the call throws. Calls must be idempotent.
 */
public interface AvailabilityZoneProgrammer {

    /** For clusters without Kube-OVN: programs nothing. */
    AvailabilityZoneProgrammer NONE = (availabilityZone, plan) -> { };

    /**
     * Brings the NB of {@code availabilityZone} in line with {@code plan}. When
     * {@code plan.zone(availabilityZone)} is null (the plan does not route this cluster, or
     * {@link InterconnectPlan#EMPTY} after interconnection was disabled) the implementation removes what it
     * wrote before and leaves everything else alone.
     *
     * @param availabilityZone the AZ name from {@code ovn-ic-config}'s {@code az-name}
     * @throws AvailabilityZoneProgrammingException when the NB cannot be reached or refuses the transaction
     */
    void program(String availabilityZone, InterconnectPlan plan) throws AvailabilityZoneProgrammingException;

    /**
     * As {@link #program(String, InterconnectPlan)}, with where {@code ovn-ic-config} says the IC databases are
     * (null when it names none). The agent calls this one; programmers that write IC-NB or IC-SB (transit
     * switches, leaving) override it, the others keep this default, which ignores {@code interconnect}.
     */
    default void program(String availabilityZone, InterconnectPlan plan, InterconnectDatabases interconnect)
            throws AvailabilityZoneProgrammingException {
        program(availabilityZone, plan);
    }
}
