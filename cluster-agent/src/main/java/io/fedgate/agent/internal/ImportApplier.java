package io.fedgate.agent.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fedgate.agent.internal.kube.DerivedServiceKind;
import io.fedgate.agent.internal.kube.EndpointSliceKind;
import io.fedgate.agent.internal.kube.ObjectReconciler;
import io.fedgate.agent.internal.kube.ServiceExportStatusKind;
import io.fedgate.agent.internal.kube.ServiceImportKind;
import io.fedgate.agent.internal.kube.ServiceImportStatusKind;
import io.fedgate.agent.internal.kube.WriteOutcome;
import io.fedgate.agent.internal.model.ClusterFacts;
import io.fedgate.agent.internal.model.DerivedServiceState;
import io.fedgate.agent.internal.model.EndpointSliceState;
import io.fedgate.agent.internal.model.ExportConditions;
import io.fedgate.agent.internal.model.ExportValidity;
import io.fedgate.agent.internal.model.ImportObjects;
import io.fedgate.agent.internal.model.LocalInventory;
import io.fedgate.agent.internal.model.McsNames;
import io.fedgate.agent.internal.model.ObjectKey;
import io.fedgate.agent.internal.model.ObservedExport;
import io.fedgate.agent.internal.model.OwnerRef;
import io.fedgate.agent.internal.model.ServiceImportState;
import io.fedgate.agent.internal.model.ServiceImportStatusState;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.ServiceImport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a plan real in the cluster, as a chain of steps that each ensure one kind of object and are safe to
 * re-run; desired state comes from {@link ImportObjects} and {@link ExportConditions}, every write goes through
 * the {@link ObjectReconciler}:
 * <ol>
 *   <li>{@code serviceImports}: one per import whose namespace exists;</li>
 *   <li>{@code derivedServices}: the ClusterIP Service behind each ClusterSetIP import, and the per-endpoint
 *       ones of headless imports on the gateway path;</li>
 *   <li>{@code endpointSlices}: per source cluster (for headless imports on the gateway path, pointing at the
 *       per-endpoint derived Services' cluster IPs, so this runs after {@code derivedServices});</li>
 *   <li>{@code importStatuses}: the exporting clusters;</li>
 *   <li>{@code withdrawn}: fedgate's slices, derived Services and ServiceImports the plan no longer has are
 *       deleted (never while a step above failed for that import).</li>
 * </ol>
 * {@link #exportConditions} runs with or without a plan. Used from the agent's thread only.
 */
final class ImportApplier {
    private static final Logger LOG = LoggerFactory.getLogger(ImportApplier.class);

    private final String clusterId;
    private final GatewayListenerPorts gatewayListenerPorts;
    private final ObjectReconciler reconciler;
    private final ServiceImportKind imports;
    private final ServiceImportStatusKind importStatus;
    private final DerivedServiceKind services;
    private final EndpointSliceKind slices;
    private final ServiceExportStatusKind exportStatus;
    private final Clock clock;
    private final ImportObjects objects = new ImportObjects();
    private final ProblemLog endpointProblems;

    ImportApplier(String clusterId, ObjectReconciler reconciler, ServiceImportKind imports,
                  ServiceImportStatusKind importStatus, DerivedServiceKind services, EndpointSliceKind slices,
                  ServiceExportStatusKind exportStatus, GatewayListenerPorts gatewayListenerPorts, Clock clock) {
        this.clusterId = clusterId;
        this.gatewayListenerPorts = gatewayListenerPorts;
        this.reconciler = reconciler;
        this.imports = imports;
        this.importStatus = importStatus;
        this.services = services;
        this.slices = slices;
        this.exportStatus = exportStatus;
        this.clock = clock;
        this.endpointProblems = new ProblemLog(clusterId, "imported endpoints");
    }

    /** The outcomes of one pass. */
    static final class Outcomes {
        private final Map<WriteOutcome, Integer> counts = new EnumMap<>(WriteOutcome.class);

        void add(WriteOutcome outcome) {
            counts.merge(outcome, 1, Integer::sum);
        }

        /** True when no write failed. */
        boolean converged() {
            return !counts.containsKey(WriteOutcome.FAILED);
        }

        int writes() {
            return counts.entrySet().stream().filter(e -> e.getKey().wrote()).mapToInt(Map.Entry::getValue).sum();
        }

        @Override
        public String toString() {
            return counts.toString();
        }
    }

    /** Brings the imports of {@code plan} into the cluster and removes the ones it withdrew. */
    Outcomes imports(ClusterPlan plan, ClusterFacts facts) {
        Outcomes outcomes = new Outcomes();
        List<ServiceImport> landing = objects.landing(plan, facts.namespaces());
        Set<ObjectKey> unsettled = new HashSet<>();
        Map<ObjectKey, OwnerRef> owners = serviceImports(landing, outcomes, unsettled);
        Set<ObjectKey> desiredServices = derivedServices(landing, owners, outcomes, unsettled);
        Map<GatewayListenerPorts.Listener, Integer> gatewayPorts = gatewayListenerPorts.assign(plan);
        Set<ObjectKey> desiredSlices = endpointSlices(landing, owners, facts, gatewayPorts,
                endpointServiceIps(landing, owners), outcomes, unsettled);
        importStatuses(landing, owners, outcomes);
        withdrawn(landing, desiredServices, desiredSlices, unsettled, outcomes);
        if (outcomes.writes() > 0 || !outcomes.converged()) {
            LOG.info("cluster {}: plan version {}: {} of {} imports land here; {}", clusterId, plan.version(),
                    landing.size(), plan.imports().size(), outcomes);
        }
        return outcomes;
    }

    /** Sets the {@code Valid} and {@code Conflict} conditions of every ServiceExport. */
    Outcomes exportConditions(ClusterFacts facts, LocalInventory local, ClusterPlan plan) {
        Outcomes outcomes = new Outcomes();
        Map<ObjectKey, ExportStatus> planned = new HashMap<>();
        if (plan != null) {
            plan.exportStatus().forEach(s -> planned.put(ObjectKey.of(s.service()), s));
        }
        for (ObservedExport export : facts.exports()) {
            ExportValidity validity = local.validity().get(export.key());
            if (validity != null) {
                outcomes.add(reconciler.reconcile(exportStatus, export.key(),
                        ExportConditions.desired(export, validity, planned.get(export.key()), clock.instant())));
            }
        }
        return outcomes;
    }

    private Map<ObjectKey, OwnerRef> serviceImports(List<ServiceImport> landing, Outcomes outcomes,
                                                    Set<ObjectKey> unsettled) {
        Map<ObjectKey, OwnerRef> owners = new HashMap<>();
        for (ServiceImport service : landing) {
            ObjectKey key = ObjectKey.of(service.service());
            Service derived = derivedService(service);
            ServiceImportState desired = objects.serviceImport(service, clusterIps(derived), ipFamilies(derived));
            WriteOutcome outcome = reconciler.reconcile(imports, key, desired);
            outcomes.add(outcome);
            HasMetadata current = reconciler.current(imports, key);
            if (outcome == WriteOutcome.FAILED) {
                unsettled.add(key);
            } else if (current != null && McsNames.managedByFedgate(current.getMetadata().getLabels())
                    && current.getMetadata().getUid() != null) {
                owners.put(key, new OwnerRef(key.name(), current.getMetadata().getUid()));
            }
        }
        return owners;
    }

    /** The import's derived Service as the API server holds it (fedgate's only), or null. */
    private Service derivedService(ServiceImport service) {
        return managedService(new ObjectKey(service.service().namespace(),
                McsNames.derivedServiceName(service.service().name())));
    }

    /** The derived Service {@code key} as the API server holds it (fedgate's only), or null. */
    private Service managedService(ObjectKey key) {
        HasMetadata current = reconciler.current(services, key);
        return current instanceof Service derived && McsNames.managedByFedgate(derived.getMetadata().getLabels())
                && derived.getSpec() != null ? derived : null;
    }

    /** The allocated cluster IPs, primary first ({@code clusterIPs}, else {@code clusterIP}); empty while none. */
    private static List<String> clusterIps(Service derived) {
        if (derived == null) {
            return List.of();
        }
        List<String> ips = derived.getSpec().getClusterIPs() != null && !derived.getSpec().getClusterIPs().isEmpty()
                ? derived.getSpec().getClusterIPs()
                : derived.getSpec().getClusterIP() == null ? List.of() : List.of(derived.getSpec().getClusterIP());
        return ips.stream().filter(ip -> ip != null && !ip.isEmpty() && !"None".equals(ip)).toList();
    }

    private static List<String> ipFamilies(Service derived) {
        return derived == null || derived.getSpec().getIpFamilies() == null ? List.of()
                : derived.getSpec().getIpFamilies();
    }

    private Set<ObjectKey> derivedServices(List<ServiceImport> landing, Map<ObjectKey, OwnerRef> owners,
                                           Outcomes outcomes, Set<ObjectKey> unsettled) {
        Set<ObjectKey> desired = new HashSet<>();
        for (ServiceImport service : landing) {
            OwnerRef owner = owners.get(ObjectKey.of(service.service()));
            if (owner == null) {
                continue;
            }
            List<DerivedServiceState> states = new ArrayList<>(objects.endpointServices(service, owner));
            DerivedServiceState derived = objects.derivedService(service, owner);
            if (derived != null) {
                states.add(derived);
            }
            for (DerivedServiceState state : states) {
                desired.add(state.key());
                settle(reconciler.reconcile(services, state.key(), state), service, outcomes, unsettled);
            }
        }
        return desired;
    }

    /** The primary cluster IP of every per-endpoint derived Service that has one. */
    private Map<ObjectKey, String> endpointServiceIps(List<ServiceImport> landing, Map<ObjectKey, OwnerRef> owners) {
        Map<ObjectKey, String> ips = new HashMap<>();
        for (ServiceImport service : landing) {
            OwnerRef owner = owners.get(ObjectKey.of(service.service()));
            for (DerivedServiceState state : owner == null ? List.<DerivedServiceState>of()
                    : objects.endpointServices(service, owner)) {
                List<String> allocated = clusterIps(managedService(state.key()));
                if (!allocated.isEmpty()) {
                    ips.put(state.key(), allocated.get(0));
                }
            }
        }
        return ips;
    }

    private Set<ObjectKey> endpointSlices(List<ServiceImport> landing, Map<ObjectKey, OwnerRef> owners,
                                          ClusterFacts facts, Map<GatewayListenerPorts.Listener, Integer> gatewayPorts,
                                          Map<ObjectKey, String> endpointServiceIps, Outcomes outcomes,
                                          Set<ObjectKey> unsettled) {
        Set<ObjectKey> desired = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (ServiceImport service : landing) {
            OwnerRef owner = owners.get(ObjectKey.of(service.service()));
            if (owner == null) {
                continue;
            }
            for (EndpointSliceState state : objects.endpointSlices(service, owner, facts.gatewayReplicas(), gatewayPorts,
                    endpointServiceIps, problems)) {
                desired.add(state.key());
                settle(reconciler.reconcile(slices, state.key(), state), service, outcomes, unsettled);
            }
        }
        endpointProblems.report(problems);
        return desired;
    }

    private void importStatuses(List<ServiceImport> landing, Map<ObjectKey, OwnerRef> owners, Outcomes outcomes) {
        for (ServiceImport service : landing) {
            ObjectKey key = ObjectKey.of(service.service());
            if (owners.containsKey(key)) {
                Service derived = derivedService(service);
                ServiceImportState spec = objects.serviceImport(service, clusterIps(derived), ipFamilies(derived));
                HasMetadata current = reconciler.current(importStatus, key);
                ServiceImportStatusState stored = current == null ? null : importStatus.observed(current);
                outcomes.add(reconciler.reconcile(importStatus, key,
                        objects.status(service, spec, stored, clock.instant())));
            }
        }
    }

    private void withdrawn(List<ServiceImport> landing, Set<ObjectKey> desiredServices, Set<ObjectKey> desiredSlices,
                           Set<ObjectKey> unsettled, Outcomes outcomes) {
        Set<ObjectKey> desiredImports = new HashSet<>();
        landing.forEach(s -> desiredImports.add(ObjectKey.of(s.service())));
        Predicate<HasMetadata> settled = o -> !unsettled.contains(new ObjectKey(o.getMetadata().getNamespace(),
                McsNames.importName(o.getMetadata().getLabels())));
        for (EndpointSlice slice : slices.cachedAll()) {
            ObjectKey key = key(slice);
            if (EndpointSliceKind.isImported(slice) && !desiredSlices.contains(key) && settled.test(slice)) {
                outcomes.add(reconciler.reconcile(slices, key, null));
            }
        }
        for (Service service : services.cachedAll()) {
            ObjectKey key = key(service);
            if (DerivedServiceKind.isDerived(service) && !desiredServices.contains(key) && settled.test(service)) {
                outcomes.add(reconciler.reconcile(services, key, null));
            }
        }
        for (GenericKubernetesResource serviceImport : imports.cachedAll()) {
            ObjectKey key = key(serviceImport);
            if (McsNames.managedByFedgate(serviceImport.getMetadata().getLabels()) && !desiredImports.contains(key)) {
                outcomes.add(reconciler.reconcile(imports, key, null));
            }
        }
    }

    private void settle(WriteOutcome outcome, ServiceImport service, Outcomes outcomes, Set<ObjectKey> unsettled) {
        outcomes.add(outcome);
        if (outcome == WriteOutcome.FAILED) {
            unsettled.add(ObjectKey.of(service.service()));
        }
    }

    private static ObjectKey key(HasMetadata object) {
        return new ObjectKey(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }
}
