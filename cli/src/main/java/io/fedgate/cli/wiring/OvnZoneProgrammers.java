package io.fedgate.cli.wiring;

import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.agent.spi.AvailabilityZoneProgrammingException;
import io.fedgate.agent.spi.InterconnectDatabases;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.interconnect.ChangeReport;
import io.fedgate.interconnect.IcEndpoints;
import io.fedgate.interconnect.InterconnectException;
import io.fedgate.interconnect.InterconnectReconciler;
import io.fedgate.interconnect.ReconcilerOptions;
import io.fedgate.interconnect.ovsdb.OvsdbException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AvailabilityZoneProgrammer}s backed by the {@code interconnect} module: one long-lived
 * {@link InterconnectReconciler} (with drift repair) per agent, on the cluster's NB and the IC databases
 * {@code ovn-ic-config} names.
 */
public final class OvnZoneProgrammers {
    private OvnZoneProgrammers() {
    }

    /** The programmer of the AZ whose NB is {@code nbAddress}, with Kube-OVN's defaults (router {@code ovn-cluster}). */
    public static Programmer forNorthbound(String nbAddress) {
        return forConnection(OvnConnection.tcp(nbAddress));
    }

    /** The programmer of the AZ {@code connection} reaches (TLS files, IC transport, cluster router). */
    public static Programmer forConnection(OvnConnection connection) {
        return new Programmer(connection,
                ReconcilerOptions.defaults().withClusterRouter(connection.clusterRouter()));
    }

    /**
     * Programs one AZ. Connects on the first call, and again when the AZ name or the IC databases change; keeps
     * the connection (and repairs hand-made changes to the rows it owns) until {@link #close()}. A plan that
     * routes the AZ is applied (IC-NB transit switches, the AZ's ports, gateway chassis and route settings); a plan
     * that does not makes the AZ leave. Calls are serialized.
     */
    public static final class Programmer implements AvailabilityZoneProgrammer, AutoCloseable {
        private static final Logger LOG = LoggerFactory.getLogger(Programmer.class);

        private record Connection(String availabilityZone, InterconnectDatabases databases,
                                  InterconnectReconciler reconciler) {
        }

        private final String nbAddress;
        private final OvnConnection ovn;
        private final ReconcilerOptions options;
        private Connection connection;
        private InterconnectDatabases lastDatabases;
        private ChangeReport lastReport;

        Programmer(OvnConnection ovn, ReconcilerOptions options) {
            this.ovn = ovn;
            this.nbAddress = ovn.northbound();
            this.options = options.withRepairDrift(true);
        }

        /** Programs with the IC databases of the previous call; fails when none was ever given. */
        @Override
        public void program(String availabilityZone, InterconnectPlan plan) throws AvailabilityZoneProgrammingException {
            program(availabilityZone, plan, null);
        }

        @Override
        public synchronized void program(String availabilityZone, InterconnectPlan plan, InterconnectDatabases interconnect)
                throws AvailabilityZoneProgrammingException {
            InterconnectDatabases databases = interconnect != null ? interconnect : lastDatabases;
            if (databases == null) {
                throw new AvailabilityZoneProgrammingException("AZ " + availabilityZone + " (NB " + nbAddress
                        + "): kube-system/ovn-ic-config has no ic-db-host, so IC-NB and IC-SB are unknown");
            }
            lastDatabases = databases;
            try {
                InterconnectReconciler reconciler = reconcilerFor(availabilityZone, databases);
                boolean routed = plan.zone(availabilityZone) != null;
                lastReport = routed ? reconciler.apply(plan) : reconciler.leave(availabilityZone);
                LOG.info("AZ {} (NB {}): {} plan version {}: {} rows written in {} transactions", availabilityZone,
                        nbAddress, routed ? "applied" : "left for", plan.version(), lastReport.writes(),
                        lastReport.transactions());
            } catch (InterconnectException | OvsdbException | IllegalArgumentException e) {
                throw new AvailabilityZoneProgrammingException("AZ " + availabilityZone + " (NB " + nbAddress
                        + ", IC-NB " + databases.icNb() + ") plan version " + plan.version() + ": "
                        + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }

        /** What the last successful {@code program} call wrote, or null before the first one. */
        public synchronized ChangeReport lastReport() {
            return lastReport;
        }

        /**
         * The reconciler for this AZ and these IC databases. When the AZ was renamed on the same databases, the old
         * name leaves first, so IC-SB does not keep an AZ nobody runs.
         */
        private InterconnectReconciler reconcilerFor(String availabilityZone, InterconnectDatabases databases) {
            if (connection != null && connection.availabilityZone().equals(availabilityZone)
                    && connection.databases().equals(databases)) {
                return connection.reconciler();
            }
            if (connection != null) {
                if (connection.databases().equals(databases)) {
                    LOG.info("AZ {} (NB {}): renamed to {}; leaving under the old name", connection.availabilityZone(),
                            nbAddress, availabilityZone);
                    connection.reconciler().leave(connection.availabilityZone());
                }
                closeConnection();
            }
            IcEndpoints endpoints = IcEndpoints.builder().icNb(ovn.icAddress(databases.icNb()))
                    .icSb(ovn.icAddress(databases.icSb())).zone(availabilityZone, nbAddress).tls(ovn.tls()).build();
            connection = new Connection(availabilityZone, databases, InterconnectReconciler.connect(endpoints, options));
            LOG.info("AZ {} (NB {}): connected to IC-NB {} and IC-SB {}", availabilityZone, nbAddress,
                    endpoints.icNb(), endpoints.icSb());
            return connection.reconciler();
        }

        private void closeConnection() {
            Connection c = connection;
            connection = null;
            c.reconciler().close();
        }

        /** Stops drift repair and closes the database connections. */
        @Override
        public synchronized void close() {
            if (connection != null) {
                closeConnection();
            }
        }
    }
}
