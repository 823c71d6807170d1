package io.fedgate.cli.wiring;

import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which {@link AvailabilityZoneProgrammer} {@code fedgate agent} uses for an OVN northbound address. For now
 * one that programs nothing; the interconnect-backed programmers ({@code OvnZoneProgrammers}) are switched in
 * here when they are wired.
 */
public final class ZoneProgrammerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneProgrammerFactory.class);

    private ZoneProgrammerFactory() {
    }

    /** Northbound address to the agent's zone programmer. */
    public static Function<String, AvailabilityZoneProgrammer> forAgent() {
        return nbAddress -> {
            LOG.info("OVN northbound {}: availability-zone programming is wired separately; this agent programs "
                    + "no OVN-IC state", nbAddress);
            return AvailabilityZoneProgrammer.NONE;
        };
    }
}
