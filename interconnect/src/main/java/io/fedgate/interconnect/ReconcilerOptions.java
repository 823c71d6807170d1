package io.fedgate.interconnect;

import java.time.Clock;
import java.time.Duration;

/**
 * How the reconciler behaves.
 *
 * @param clusterRouter      the AZ's router that transit switch ports attach to ({@code ovn-cluster}, as in Kube-OVN)
 * @param requestTimeout     deadline of each database request
 * @param ovnIcWait          how long to wait for ovn-ic to act: create a transit switch in an AZ NB, withdraw a
 *                           leaving AZ's port bindings from IC-SB
 * @param repairDrift        keep watching and put back hand-made changes to the rows we own
 * @param repairDebounce     how long to gather changes before a repair pass
 * @param denylistOption     the NB_Global option for the route denylist, or null to choose from the NB schema
 * @param ioThreads          I/O threads shared by all database connections
 * @param clock              time source for reports
 */
public record ReconcilerOptions(String clusterRouter, Duration requestTimeout, Duration ovnIcWait,
                                boolean repairDrift, Duration repairDebounce, String denylistOption, int ioThreads,
                                Clock clock) {
    /** Kube-OVN's cluster router. */
    public static final String DEFAULT_CLUSTER_ROUTER = "ovn-cluster";
    /** Deadline of one database request. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Wait for ovn-ic to act (it creates a transit switch in an AZ in ~100 ms when running). */
    public static final Duration DEFAULT_OVN_IC_WAIT = Duration.ofSeconds(15);
    /** Changes within this window are repaired in one pass. */
    public static final Duration DEFAULT_REPAIR_DEBOUNCE = Duration.ofMillis(50);

    public ReconcilerOptions {
        if (clusterRouter == null || clusterRouter.isBlank()) {
            throw new InterconnectConfigException("--router must not be empty");
        }
        positive("requestTimeout", requestTimeout);
        positive("ovnIcWait", ovnIcWait);
        if (repairDebounce == null || repairDebounce.isNegative() || repairDebounce.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new InterconnectConfigException("repairDebounce (" + repairDebounce + ") must be in 0..1s");
        }
        if (denylistOption != null && !denylistOption.equals("ic-route-blacklist")
                && !denylistOption.equals("ic-route-denylist")) {
            throw new InterconnectConfigException("denylistOption \"" + denylistOption
                    + "\" must be ic-route-blacklist or ic-route-denylist");
        }
        if (ioThreads < 1 || ioThreads > 16) {
            throw new InterconnectConfigException("ioThreads (" + ioThreads + ") must be in 1..16");
        }
        if (clock == null) {
            throw new InterconnectConfigException("clock must not be null");
        }
    }

    /** Defaults: router {@code ovn-cluster}, no drift repair. */
    public static ReconcilerOptions defaults() {
        return new ReconcilerOptions(DEFAULT_CLUSTER_ROUTER, DEFAULT_REQUEST_TIMEOUT, DEFAULT_OVN_IC_WAIT, false,
                DEFAULT_REPAIR_DEBOUNCE, null, 1, Clock.systemUTC());
    }

    public ReconcilerOptions withClusterRouter(String router) {
        return new ReconcilerOptions(router, requestTimeout, ovnIcWait, repairDrift, repairDebounce,
                denylistOption, ioThreads, clock);
    }

    public ReconcilerOptions withRequestTimeout(Duration d) {
        return new ReconcilerOptions(clusterRouter, d, ovnIcWait, repairDrift, repairDebounce, denylistOption,
                ioThreads, clock);
    }

    public ReconcilerOptions withOvnIcWait(Duration d) {
        return new ReconcilerOptions(clusterRouter, requestTimeout, d, repairDrift, repairDebounce, denylistOption,
                ioThreads, clock);
    }

    /** With drift repair on or off. */
    public ReconcilerOptions withRepairDrift(boolean on) {
        return new ReconcilerOptions(clusterRouter, requestTimeout, ovnIcWait, on, repairDebounce,
                denylistOption, ioThreads, clock);
    }

    public ReconcilerOptions withDenylistOption(String option) {
        return new ReconcilerOptions(clusterRouter, requestTimeout, ovnIcWait, repairDrift, repairDebounce,
                option, ioThreads, clock);
    }

    public ReconcilerOptions withIoThreads(int n) {
        return new ReconcilerOptions(clusterRouter, requestTimeout, ovnIcWait, repairDrift, repairDebounce,
                denylistOption, n, clock);
    }

    public ReconcilerOptions withClock(Clock c) {
        return new ReconcilerOptions(clusterRouter, requestTimeout, ovnIcWait, repairDrift, repairDebounce,
                denylistOption, ioThreads, c);
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new InterconnectConfigException(name + " (" + d + ") must be > 0");
        }
    }
}
