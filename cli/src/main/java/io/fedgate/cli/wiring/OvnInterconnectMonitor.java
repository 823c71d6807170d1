package io.fedgate.cli.wiring;

import io.fedgate.agent.spi.InterconnectDatabases;
import io.fedgate.agent.spi.InterconnectMonitor;
import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.InterconnectState;
import io.fedgate.interconnect.InterconnectException;
import io.fedgate.interconnect.InterconnectObserver;
import io.fedgate.interconnect.ReconcilerOptions;
import io.fedgate.interconnect.ovsdb.OvsdbException;
import java.util.List;
import java.util.Objects;

/**
 * {@link InterconnectMonitor} backed by the {@code interconnect} module's read-only {@link InterconnectObserver}
 * on the AZ's NB, its SB (when given: ovn-ic's lock) and the IC-SB {@code ovn-ic-config} names. Connects on the
 * first look and again after a failure or when the AZ or the IC databases change; a database that cannot be
 * reached is reported as a problem, and the next look tries again. Looks are serialized.
 */
public final class OvnInterconnectMonitor implements InterconnectMonitor, AutoCloseable {
    private record Target(String availabilityZone, InterconnectDatabases databases) {
    }

    private final OvnConnection ovn;
    private final String nbAddress;
    private final String sbAddress;
    private Target target;
    private InterconnectObserver observer;

    /**
     * @param nbAddress the AZ's NB ({@code --ovn-nb}), over {@code tcp:}
     * @param sbAddress the AZ's SB ({@code --ovn-sb}), or null: ovn-ic's lock is not checked, and registration in
     *                  IC-SB stands for the daemon
     */
    public OvnInterconnectMonitor(String nbAddress, String sbAddress) {
        this(nbAddress == null || nbAddress.isBlank() ? null : OvnConnection.tcp(nbAddress), sbAddress);
    }

    /**
     * @param ovn       the AZ's NB and how to reach the OVN databases (TLS files, IC databases over {@code ssl:})
     * @param sbAddress as in {@link #OvnInterconnectMonitor(String, String)}
     */
    public OvnInterconnectMonitor(OvnConnection ovn, String sbAddress) {
        if (ovn == null) {
            throw new WiringException("--ovn-nb is required to observe interconnection");
        }
        this.ovn = ovn;
        this.nbAddress = ovn.northbound();
        this.sbAddress = sbAddress == null || sbAddress.isBlank() ? null : sbAddress;
    }

    @Override
    public synchronized InterconnectState observe(String availabilityZone, InterconnectDatabases interconnect) {
        Target now = new Target(availabilityZone, interconnect);
        try {
            if (observer == null || !now.equals(target)) {
                closeObserver();
                observer = InterconnectObserver.connect(availabilityZone, nbAddress,
                        interconnect == null ? null : ovn.icAddress(interconnect.icSb()), sbAddress, ovn.tls(),
                        ReconcilerOptions.DEFAULT_REQUEST_TIMEOUT);
                target = now;
            }
            // the agent stamps its own mode on the state it reports
            return InterconnectReports.state(InterconnectMode.KUBE_OVN, observer.observe(), List.of());
        } catch (OvsdbException | InterconnectException | IllegalArgumentException e) {
            closeObserver();
            return new InterconnectState(InterconnectMode.KUBE_OVN, false, false, List.of(), List.of("AZ "
                    + availabilityZone + " (NB " + nbAddress + (sbAddress == null ? "" : ", SB " + sbAddress)
                    + (interconnect == null ? "" : ", IC-SB " + interconnect.icSb()) + "): cannot read: "
                    + Objects.toString(e.getMessage(), e.getClass().getSimpleName())));
        }
    }

    private void closeObserver() {
        if (observer != null) {
            observer.close();
            observer = null;
        }
    }

    @Override
    public synchronized void close() {
        closeObserver();
    }
}
