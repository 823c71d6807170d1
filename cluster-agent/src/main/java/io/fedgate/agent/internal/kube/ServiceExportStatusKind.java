package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fedgate.agent.internal.model.ConditionState;
import io.fedgate.agent.internal.model.ExportConditions;
import io.fedgate.agent.internal.model.ExportConditionsState;
import io.fedgate.agent.internal.model.ObjectKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code Valid} and {@code Conflict} conditions of ServiceExports. The exports are the user's: fedgate
 * writes their status only, and never creates or deletes them.
 */
public final class ServiceExportStatusKind extends BaseKind<ExportConditionsState> {
    private final KubernetesClient client;
    private final ClusterCaches caches;
    private final McsApi mcs;

    public ServiceExportStatusKind(KubernetesClient client, ClusterCaches caches, McsApi mcs) {
        super(KubeResources.SERVICE_EXPORT_KIND, true, false);
        this.client = client;
        this.caches = caches;
        this.mcs = mcs;
    }

    @Override
    public HasMetadata cached(ObjectKey key) {
        return caches.serviceExport(key);
    }

    @Override
    public ExportConditionsState observed(HasMetadata observed) {
        return ExportConditions.observed(FactsReader.export((GenericKubernetesResource) observed));
    }

    @Override
    public HasMetadata manifest(ExportConditionsState desired) {
        List<Map<String, Object>> conditions = desired.conditions().stream().map(ObjectMaps::conditionMap).toList();
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(mcs.apiVersion());
        object.setKind(KubeResources.SERVICE_EXPORT_KIND);
        object.setMetadata(ObjectMaps.metadata(desired.key(), null));
        object.setAdditionalProperty("status", Map.of("conditions", conditions));
        return object;
    }

    @Override
    public Resource<? extends HasMetadata> resource(HasMetadata manifest) {
        return client.genericKubernetesResources(mcs.serviceExports())
                .inNamespace(manifest.getMetadata().getNamespace())
                .resource((GenericKubernetesResource) manifest);
    }
}
