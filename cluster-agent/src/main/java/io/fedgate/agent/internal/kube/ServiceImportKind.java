package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fedgate.agent.internal.model.McsNames;
import io.fedgate.agent.internal.model.ObjectKey;
import io.fedgate.agent.internal.model.ServiceImportState;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.SessionAffinity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ServiceImports ({@code multicluster.x-k8s.io/v1alpha1}): labels and spec. */
public final class ServiceImportKind extends BaseKind<ServiceImportState> {
    static final String CLUSTER_SET_IP = "ClusterSetIP";
    static final String HEADLESS = "Headless";
    private static final Set<String> LABELS = Set.of(McsNames.MANAGED_BY);

    private final KubernetesClient client;
    private final ClusterCaches caches;

    public ServiceImportKind(KubernetesClient client, ClusterCaches caches) {
        super(KubeResources.SERVICE_IMPORT_KIND, false, true);
        this.client = client;
        this.caches = caches;
    }

    @Override
    public HasMetadata cached(ObjectKey key) {
        return caches.serviceImport(key);
    }

    /** Every cached ServiceImport, fedgate's or not. */
    public List<GenericKubernetesResource> cachedAll() {
        return caches.serviceImports();
    }

    @Override
    public ServiceImportState observed(HasMetadata observed) {
        GenericKubernetesResource object = (GenericKubernetesResource) observed;
        Map<String, Object> spec = GenericFields.map(object, "spec");
        return new ServiceImportState(new ObjectKey(object.getMetadata().getNamespace(), object.getMetadata().getName()),
                ObjectMaps.managedLabels(object, LABELS),
                HEADLESS.equals(GenericFields.text(spec, "type")) ? ImportType.HEADLESS : ImportType.CLUSTER_SET_IP,
                GenericFields.list(spec, "ports").stream().map(ObjectMaps::port).toList(),
                GenericFields.list(spec, "ips").stream().map(Object::toString).toList(),
                "ClientIP".equals(GenericFields.text(spec, "sessionAffinity")) ? SessionAffinity.CLIENT_IP
                        : SessionAffinity.NONE);
    }

    @Override
    public HasMetadata manifest(ServiceImportState desired) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", desired.type() == ImportType.HEADLESS ? HEADLESS : CLUSTER_SET_IP);
        spec.put("ports", desired.ports().stream().map(ObjectMaps::portMap).toList());
        if (!desired.ips().isEmpty()) {
            spec.put("ips", List.copyOf(desired.ips()));
        }
        spec.put("sessionAffinity", desired.sessionAffinity() == SessionAffinity.CLIENT_IP ? "ClientIP" : "None");
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(KubeResources.MCS_API_VERSION);
        object.setKind(KubeResources.SERVICE_IMPORT_KIND);
        object.setMetadata(ObjectMaps.metadata(desired.key(), desired.labels(), null));
        object.setAdditionalProperty("spec", spec);
        return object;
    }

    @Override
    public Resource<? extends HasMetadata> resource(HasMetadata manifest) {
        return client.genericKubernetesResources(KubeResources.SERVICE_IMPORTS)
                .inNamespace(manifest.getMetadata().getNamespace())
                .resource((GenericKubernetesResource) manifest);
    }
}
