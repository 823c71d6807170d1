package io.fedgate.cli.wiring;

import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import java.util.function.Function;

/**
 * Which {@link AvailabilityZoneProgrammer} {@code fedgate agent} uses for an OVN northbound address: an
 * {@link OvnZoneProgrammers.Programmer}, which learns the IC databases from each call (the agent passes what
 * {@code kube-system/ovn-ic-config} says) and connects on the first one.
 */
public final class ZoneProgrammerFactory {

    private ZoneProgrammerFactory() {
    }

    /** OVN connection to the agent's zone programmer; the caller closes it (it is {@link AutoCloseable}). */
    public static Function<OvnConnection, AvailabilityZoneProgrammer> forAgent() {
        return OvnZoneProgrammers::forConnection;
    }
}
