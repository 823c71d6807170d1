package io.fedgate.agent.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fedgate.agent.AgentConfig;
import io.fedgate.agent.AgentHealth;
import io.fedgate.agent.internal.kube.ClusterCaches;
import io.fedgate.agent.internal.kube.ClusterProperties;
import io.fedgate.agent.internal.kube.CrdGate;
import io.fedgate.agent.internal.kube.McsApi;
import io.fedgate.agent.internal.kube.DerivedServiceKind;
import io.fedgate.agent.internal.kube.EndpointSliceKind;
import io.fedgate.agent.internal.kube.FactsReader;
import io.fedgate.agent.internal.kube.IcControllerProbe;
import io.fedgate.agent.internal.kube.ObjectReconciler;
import io.fedgate.agent.internal.kube.ServiceExportStatusKind;
import io.fedgate.agent.internal.kube.ServiceImportKind;
import io.fedgate.agent.internal.kube.ServiceImportStatusKind;
import io.fedgate.agent.internal.model.ClusterFacts;
import io.fedgate.agent.internal.model.InterconnectReport;
import io.fedgate.agent.internal.model.InventoryBuilder;
import io.fedgate.agent.internal.model.LocalInventory;
import io.fedgate.agent.internal.model.ObjectKey;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.agent.spi.HubEvents;
import io.fedgate.agent.spi.HubLink;
import io.fedgate.agent.spi.HubLinkException;
import io.fedgate.agent.spi.InterconnectMonitor;
import io.fedgate.agent.spi.PlanWatch;
import io.fedgate.api.model.ClusterPlan;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's life on its one thread:
 * <ol>
 *   <li>{@code mcsCrds}: wait until the MCS CRDs are served (installing them when allowed);</li>
 *   <li>{@code caches}: start the informers and wait for their first list;</li>
 *   <li>{@code hubWatch}: open the plan watch and start heartbeats;</li>
 *   <li>then {@code sync} on every change (debounced), plan and hub event: send the inventory, set export
 *       conditions, apply the plan's imports, program the availability zone; retry with backoff what failed.</li>
 * </ol>
 * Until the first plan arrives nothing imported is touched; while the hub is unreachable the last plan stays
 * in force, so imports are only withdrawn by a newer plan.
 */
public final class AgentLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentLoop.class);

    private enum Phase { WAITING_FOR_CRDS, SYNCING_CACHES, RUNNING, STOPPED }

    private final AgentConfig config;
    private final HubLink hub;
    private final ExecutorTaskScheduler scheduler;
    private final AgentMetrics metrics;
    private final ObjectReconciler reconciler;
    private final ClusterCaches caches;
    private final CrdGate crdGate;
    private final ClusterProperties clusterProperties;
    private final FactsReader reader;
    private final InventoryBuilder inventoryBuilder;
    private final HubSync hubSync;
    private final ImportApplier applier;
    private final ZoneProgramming zones;
    private final Debouncer debouncer;
    private final Backoff backoff;
    private final ProblemLog inventoryProblems;
    private final InterconnectWatch interconnectWatch;
    private final McsApi mcs = new McsApi();
    private volatile Phase phase = Phase.WAITING_FOR_CRDS;
    private volatile List<String> missingCrds = List.of();
    private volatile List<String> identityProblems = List.of();
    private volatile ClusterPlan plan;
    private volatile boolean connected;
    private volatile PlanWatch watch;
    private volatile InterconnectReport interconnect = InterconnectReport.NONE;
    /** The watch has taken its first look: until then nothing is programmed, Kube-OVN's controller unchecked. */
    private volatile boolean interconnectLooked;
    private boolean retryPending;

    public AgentLoop(AgentConfig config, KubernetesClient client, HubLink hub, AvailabilityZoneProgrammer programmer,
                     InterconnectMonitor monitor, MeterRegistry registry, Clock clock) {
        String clusterId = config.clusterId();
        this.config = config;
        this.hub = hub;
        this.scheduler = new ExecutorTaskScheduler(clusterId);
        this.metrics = new AgentMetrics(registry, clusterId, clock);
        this.reconciler = new ObjectReconciler(client, config.writeMethod(), config.fieldManager(), clusterId, metrics);
        this.caches = new ClusterCaches(client, clusterId, this::cacheChanged);
        this.crdGate = new CrdGate(client, clusterId, config.installCrds(), metrics, mcs);
        this.clusterProperties = new ClusterProperties(client, clusterId, metrics);
        this.reader = new FactsReader(caches, config.gatewayService() == null ? null
                : ObjectKey.of(config.gatewayService()));
        this.inventoryBuilder = new InventoryBuilder(config.kubeOvn(), config.serviceCidrs(), config.kubeOvnNames());
        this.hubSync = new HubSync(clusterId, hub, clock, metrics);
        ServiceImportKind imports = new ServiceImportKind(client, caches, mcs);
        this.applier = new ImportApplier(clusterId, reconciler, imports, new ServiceImportStatusKind(imports),
                new DerivedServiceKind(client, caches, mcs), new EndpointSliceKind(client, caches, mcs),
                new ServiceExportStatusKind(client, caches, mcs), config.gatewayListenerPorts(), clock);
        this.zones = new ZoneProgramming(clusterId, config.kubeOvn(), programmer, metrics);
        this.debouncer = new Debouncer(scheduler, config.debounce(), this::sync);
        this.backoff = new Backoff(config.retryInitial(), config.retryMax());
        this.inventoryProblems = new ProblemLog(clusterId, "inventory");
        this.interconnectWatch = config.kubeOvn() ? new InterconnectWatch(clusterId, config.interconnectMode(),
                config.interconnectObserveInterval(), caches::icConfigData, new IcControllerProbe(client), monitor,
                metrics, report -> scheduler.execute(() -> {
                    interconnect = report;
                    interconnectLooked = true;
                    sync();
                })) : null;
    }

    /** Begins with the CRD check; returns at once. */
    public void start() {
        scheduler.execute(this::mcsCrds);
    }

    /** Liveness and readiness, with reasons. */
    public AgentHealth health() {
        List<String> reasons = new ArrayList<>();
        switch (phase) {
            case WAITING_FOR_CRDS -> {
                if (!identityProblems.isEmpty()) {
                    reasons.addAll(identityProblems);
                } else {
                    reasons.add(missingCrds.isEmpty() ? "checking the MCS CRDs"
                            : "MCS CRDs not served: " + String.join(", ", missingCrds));
                }
            }
            case SYNCING_CACHES -> reasons.add("informer caches not synced yet");
            case STOPPED -> reasons.add("agent stopped");
            case RUNNING -> {
                if (!connected) {
                    reasons.add("plan watch on the hub is down");
                }
                if (interconnect.refusal() != null) {
                    reasons.add(interconnect.refusal());
                }
            }
        }
        return new AgentHealth(scheduler.running() && phase != Phase.STOPPED, reasons.isEmpty(), reasons);
    }

    private void mcsCrds() {
        if (phase != Phase.WAITING_FOR_CRDS) {
            return;
        }
        try {
            List<String> missing = crdGate.ensureMcsCrds();
            if (!missing.equals(missingCrds) && !missing.isEmpty()) {
                LOG.warn("cluster {}: MCS CRDs not served: {}. Install them from charts/fedgate-agent/crds (helm "
                                + "does on first install) or run the agent with --install-crds; checking every {}",
                        config.clusterId(), missing, config.crdRecheck());
            }
            missingCrds = missing;
            if (!missing.isEmpty()) {
                scheduler.schedule(this::mcsCrds, config.crdRecheck());
                return;
            }
            List<String> problems = clusterProperties.reconcile(hub.clusterSet());
            if (!problems.equals(identityProblems) && !problems.isEmpty()) {
                LOG.error("cluster {}: {}; not starting, checking again every {}", config.clusterId(),
                        String.join("; ", problems), config.crdRecheck());
            }
            identityProblems = problems;
            if (!problems.isEmpty()) {
                scheduler.schedule(this::mcsCrds, config.crdRecheck());
                return;
            }
            caches(config.kubeOvn() && crdGate.subnetsServed());
        } catch (KubernetesClientException e) {
            LOG.warn("cluster {}: cannot check the MCS CRDs: HTTP {}: {}; checking again in {}", config.clusterId(),
                    e.getCode(), e.getMessage(), config.crdRecheck());
            scheduler.schedule(this::mcsCrds, config.crdRecheck());
        }
    }

    private void caches(boolean subnets) {
        if (config.kubeOvn() && !subnets) {
            LOG.info("cluster {}: Kube-OVN's Subnet CRD (kubeovn.io/v1) is not served; reporting the network as "
                    + "another CNI's", config.clusterId());
        }
        ResourceDefinitionContext serviceCidrApi = crdGate.serviceCidrsServed();
        if (serviceCidrApi != null) {
            LOG.info("cluster {}: reporting the service range from ServiceCIDR objects ({}/{})", config.clusterId(),
                    serviceCidrApi.getGroup(), serviceCidrApi.getVersion());
        } else {
            LOG.info("cluster {}: ServiceCIDRs (networking.k8s.io) are not served; reporting the service range {}",
                    config.clusterId(), config.serviceCidrs().isEmpty() ? "as unknown (no --service-cidr)"
                            : "of --service-cidr " + config.serviceCidrs());
        }
        phase = Phase.SYNCING_CACHES;
        caches.start(mcs, config.kubeOvn(), subnets, serviceCidrApi).whenComplete((done, failure) -> scheduler.execute(() -> {
            if (failure != null) {
                LOG.error("cluster {}: informers did not start: {}", config.clusterId(), failure.toString());
                return;
            }
            hubWatch();
        }));
    }

    private void hubWatch() {
        if (phase != Phase.SYNCING_CACHES) {
            return;
        }
        phase = Phase.RUNNING;
        LOG.info("cluster {}: caches synced; opening the plan watch", config.clusterId());
        watch = hub.watchPlans(0, new Events());
        scheduler.schedule(this::heartbeat, config.heartbeatInterval());
        if (interconnectWatch != null) {
            interconnectWatch.start();
        }
        sync();
    }

    private void heartbeat() {
        if (phase != Phase.RUNNING) {
            return;
        }
        if (connected) {
            try {
                hub.heartbeat();
            } catch (HubLinkException e) {
                LOG.warn("cluster {}: heartbeat failed: {}", config.clusterId(), e.getMessage());
            }
        }
        scheduler.schedule(this::heartbeat, config.heartbeatInterval());
    }

    private void cacheChanged(String kind, ObjectKey key) {
        reconciler.forget(kind, key);
        if (phase == Phase.RUNNING) {
            debouncer.trigger();
        }
    }

    /** One pass: inventory to the hub, export conditions, the plan's imports, the availability zone. */
    private void sync() {
        if (phase != Phase.RUNNING) {
            return;
        }
        ClusterFacts facts = reader.read();
        InterconnectReport ic = interconnect;
        LocalInventory local = inventoryBuilder.build(facts, ic.state());
        inventoryProblems.report(local.problems());
        boolean done = hubSync.offer(local);
        ClusterPlan current = plan;
        done &= applier.exportConditions(facts, local, current).converged();
        if (current != null) {
            boolean imported = applier.imports(current, facts).converged();
            if (imported) {
                metrics.planApplied(current.version());
            }
            String refusal = interconnectWatch != null && !interconnectLooked
                    ? "Kube-OVN's ic-controller not checked yet" : ic.refusal();
            done &= imported & zones.apply(facts.interconnect(), current.interconnect(), current.version(), refusal);
        }
        if (done) {
            backoff.reset();
        } else {
            retryLater();
        }
    }

    private void retryLater() {
        if (!retryPending) {
            retryPending = true;
            scheduler.schedule(() -> {
                retryPending = false;
                sync();
            }, backoff.next());
        }
    }

    /** Hub events, handed over to the agent's thread. */
    private final class Events implements HubEvents {
        @Override
        public void connected() {
            scheduler.execute(() -> {
                connected = true;
                hubSync.connected();
                metrics.hubConnected(true);
                LOG.info("cluster {}: plan watch connected; sending a full inventory", config.clusterId());
                sync();
            });
        }

        @Override
        public void disconnected(String reason) {
            scheduler.execute(() -> {
                connected = false;
                hubSync.disconnected();
                metrics.hubConnected(false);
                LOG.warn("cluster {}: plan watch lost: {}; imports stay as they are until the hub sends a new plan",
                        config.clusterId(), reason);
            });
        }

        @Override
        public void planReceived(ClusterPlan received) {
            scheduler.execute(() -> {
                if (!config.clusterId().equals(received.clusterId())) {
                    LOG.error("cluster {}: ignoring a plan for cluster {} (version {})", config.clusterId(),
                            received.clusterId(), received.version());
                    return;
                }
                ClusterPlan previous = plan;
                if (received.equals(previous)) {
                    return;
                }
                if (previous != null && received.version() <= previous.version()) {
                    // the hub numbers plans afresh only after losing its state; its plan is still the one to apply
                    LOG.warn("cluster {}: plan version {} after version {}: the hub restarted its numbering",
                            config.clusterId(), received.version(), previous.version());
                }
                plan = received;
                LOG.info("cluster {}: plan version {} received: {} imports, {} export statuses", config.clusterId(),
                        received.version(), received.imports().size(), received.exportStatus().size());
                sync();
            });
        }

        @Override
        public void snapshotRequested(String reason) {
            scheduler.execute(() -> {
                LOG.info("cluster {}: hub asks for a full inventory: {}", config.clusterId(), reason);
                hubSync.snapshotRequested();
                sync();
            });
        }
    }

    /** Stops the watch, the informers and the thread. */
    @Override
    public void close() {
        phase = Phase.STOPPED;
        if (interconnectWatch != null) {
            interconnectWatch.close();
        }
        scheduler.close();
        caches.close();
        if (watch != null) {
            watch.close();
        }
    }
}
