package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fedgate.agent.internal.model.IcConfig;
import io.fedgate.agent.internal.model.McsNames;
import io.fedgate.agent.internal.model.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's informers and their caches: Services, EndpointSlices ({@code discovery.k8s.io/v1}),
 * ServiceExports and ServiceImports, Nodes, Namespaces, and with Kube-OVN the Subnets (when their CRD exists)
 * and the ConfigMap {@code kube-system/ovn-ic-config} (selected by name, as the chart's Role allows). No
 * periodic resync: only real changes reach the {@link CacheListener}.
 *
 * <p>Informers that fail to list or watch (the API server down, RBAC missing) keep retrying; the failure is
 * logged and {@link #synced()} stays false until every informer has listed once.
 */
public final class ClusterCaches implements AutoCloseable {
    /** Index of EndpointSlices by {@code namespace/<kubernetes.io/service-name>}. */
    static final String BY_SERVICE = "by-service";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCaches.class);
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final KubernetesClient client;
    private final String clusterId;
    private final CacheListener listener;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private SharedIndexInformer<Service> services;
    private SharedIndexInformer<EndpointSlice> slices;
    private SharedIndexInformer<GenericKubernetesResource> exports;
    private SharedIndexInformer<GenericKubernetesResource> imports;
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<Namespace> namespaces;
    private SharedIndexInformer<GenericKubernetesResource> subnets;
    private SharedIndexInformer<GenericKubernetesResource> serviceCidrs;
    private SharedIndexInformer<ConfigMap> icConfig;
    private volatile boolean synced;

    public ClusterCaches(KubernetesClient client, String clusterId, CacheListener listener) {
        this.client = client;
        this.clusterId = clusterId;
        this.listener = listener;
    }

    /**
     * Starts every informer.
     *
     * @param mcs              the MCS API version to watch exports and imports in (chosen by {@link CrdGate})
     * @param kubeOvn          watch {@code ovn-ic-config}
     * @param subnetsAvailable watch Kube-OVN Subnets (their CRD exists)
     * @param serviceCidrApi   the ServiceCIDR version to watch ({@link CrdGate#serviceCidrsServed()}), or null
     * @return completes when every informer has listed once
     */
    public CompletableFuture<Void> start(McsApi mcs, boolean kubeOvn, boolean subnetsAvailable,
                                         ResourceDefinitionContext serviceCidrApi) {
        services = add(client.services().inAnyNamespace().runnableInformer(0), "Service");
        slices = add(client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0), "EndpointSlice");
        slices.addIndexers(Map.of(BY_SERVICE, slice -> {
            String service = slice.getMetadata().getLabels() == null ? null
                    : slice.getMetadata().getLabels().get(McsNames.SLICE_SERVICE_NAME);
            return service == null ? List.of() : List.of(slice.getMetadata().getNamespace() + "/" + service);
        }));
        exports = add(client.genericKubernetesResources(mcs.serviceExports()).inAnyNamespace()
                .runnableInformer(0), KubeResources.SERVICE_EXPORT_KIND);
        imports = add(client.genericKubernetesResources(mcs.serviceImports()).inAnyNamespace()
                .runnableInformer(0), KubeResources.SERVICE_IMPORT_KIND);
        nodes = add(client.nodes().runnableInformer(0), "Node");
        namespaces = add(client.namespaces().runnableInformer(0), "Namespace");
        if (kubeOvn) {
            icConfig = add(client.configMaps().inNamespace(IcConfig.NAMESPACE).withName(IcConfig.NAME)
                    .runnableInformer(0), "ConfigMap");
        }
        if (kubeOvn && subnetsAvailable) {
            subnets = add(client.genericKubernetesResources(KubeResources.SUBNETS).runnableInformer(0), "Subnet");
        }
        if (serviceCidrApi != null) {
            serviceCidrs = add(client.genericKubernetesResources(serviceCidrApi).runnableInformer(0), "ServiceCIDR");
        }
        List<CompletableFuture<Void>> started = informers.stream()
                .map(i -> i.start().toCompletableFuture()).toList();
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).thenRun(() -> synced = true);
    }

    /** True once every informer has listed. */
    public boolean synced() {
        return synced;
    }

    private <T extends HasMetadata> SharedIndexInformer<T> add(SharedIndexInformer<T> informer, String kind) {
        informer.exceptionHandler((started, failure) -> {
            LOG.warn("cluster {}: {} informer {}: {}; retrying", clusterId, kind,
                    started ? "lost its watch" : "cannot list", failure.toString());
            return true;
        });
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
                listener.changed(kind, key(obj));
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                listener.changed(kind, key(newObj));
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                listener.changed(kind, key(obj));
            }
        });
        informers.add(informer);
        return informer;
    }

    private static ObjectKey key(HasMetadata obj) {
        String namespace = obj.getMetadata().getNamespace();
        return new ObjectKey(namespace == null ? "" : namespace, obj.getMetadata().getName());
    }

    /** The cached Service, or null. */
    public Service service(ObjectKey key) {
        return services.getStore().getByKey(key.namespace() + "/" + key.name());
    }

    /** Every cached Service. */
    public List<Service> services() {
        return services.getStore().list();
    }

    /** The cached EndpointSlices whose {@code kubernetes.io/service-name} is {@code service}. */
    public List<EndpointSlice> slicesOf(ObjectKey service) {
        return slices.getIndexer().byIndex(BY_SERVICE, service.namespace() + "/" + service.name());
    }

    /** The cached EndpointSlice, or null. */
    public EndpointSlice slice(ObjectKey key) {
        return slices.getStore().getByKey(key.namespace() + "/" + key.name());
    }

    /** Every cached EndpointSlice. */
    public List<EndpointSlice> slices() {
        return slices.getStore().list();
    }

    /** Every cached ServiceExport. */
    public List<GenericKubernetesResource> serviceExports() {
        return exports.getStore().list();
    }

    /** The cached ServiceExport, or null. */
    public GenericKubernetesResource serviceExport(ObjectKey key) {
        return exports.getStore().getByKey(key.namespace() + "/" + key.name());
    }

    /** Every cached ServiceImport. */
    public List<GenericKubernetesResource> serviceImports() {
        return imports.getStore().list();
    }

    /** The cached ServiceImport, or null. */
    public GenericKubernetesResource serviceImport(ObjectKey key) {
        return imports.getStore().getByKey(key.namespace() + "/" + key.name());
    }

    /** Every cached Node. */
    public List<Node> nodes() {
        return nodes.getStore().list();
    }

    /** Every cached Namespace. */
    public List<Namespace> namespaces() {
        return namespaces.getStore().list();
    }

    /** Every cached Kube-OVN Subnet, or null when Subnets are not watched. */
    public List<GenericKubernetesResource> subnets() {
        return subnets == null ? null : subnets.getStore().list();
    }

    /** Every cached ServiceCIDR, or null when the cluster serves none. */
    public List<GenericKubernetesResource> serviceCidrs() {
        return serviceCidrs == null ? null : serviceCidrs.getStore().list();
    }

    /** The data of {@code kube-system/ovn-ic-config}, or null when absent or not watched. */
    public Map<String, String> icConfigData() {
        if (icConfig == null) {
            return null;
        }
        ConfigMap map = icConfig.getStore().getByKey(IcConfig.NAMESPACE + "/" + IcConfig.NAME);
        return map == null ? null : map.getData() == null ? Map.of() : map.getData();
    }

    /** Stops every informer and waits up to {@value #STOP_TIMEOUT_SECONDS} s for their watches to close. */
    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::stop);
        CompletableFuture<?>[] stopped = informers.stream().map(i -> i.stopped().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stopped).get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("cluster {}: informers did not stop cleanly within {} s: {}", clusterId, STOP_TIMEOUT_SECONDS,
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
