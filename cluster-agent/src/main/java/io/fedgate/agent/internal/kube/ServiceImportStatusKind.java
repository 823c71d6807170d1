package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fedgate.agent.internal.model.ConditionState;
import io.fedgate.agent.internal.model.ImportObjects;
import io.fedgate.agent.internal.model.ObjectKey;
import io.fedgate.agent.internal.model.ServiceImportStatusState;
import java.util.List;
import java.util.Map;

/** The status of fedgate's ServiceImports: the exporting clusters and the {@code Ready} condition. */
public final class ServiceImportStatusKind extends BaseKind<ServiceImportStatusState> {
    private final ServiceImportKind imports;

    public ServiceImportStatusKind(ServiceImportKind imports) {
        super(KubeResources.SERVICE_IMPORT_KIND, true, true);
        this.imports = imports;
    }

    @Override
    public HasMetadata cached(ObjectKey key) {
        return imports.cached(key);
    }

    @Override
    public ServiceImportStatusState observed(HasMetadata observed) {
        GenericKubernetesResource object = (GenericKubernetesResource) observed;
        List<String> clusters = GenericFields.list(GenericFields.map(object, "status"), "clusters").stream()
                .map(item -> GenericFields.text(GenericFields.asMap(item), "cluster")).toList();
        // only the conditions fedgate writes: another controller may add its own
        List<ConditionState> ready = ObjectMaps.conditions(object).stream()
                .filter(c -> ImportObjects.READY.equals(c.type())).toList();
        return new ServiceImportStatusState(new ObjectKey(object.getMetadata().getNamespace(),
                object.getMetadata().getName()), clusters, ready);
    }

    @Override
    public HasMetadata manifest(ServiceImportStatusState desired) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(imports.mcs().apiVersion());
        object.setKind(KubeResources.SERVICE_IMPORT_KIND);
        object.setMetadata(ObjectMaps.metadata(desired.key(), null));
        object.setAdditionalProperty("status", Map.of("clusters",
                desired.clusters().stream().map(c -> Map.of("cluster", c)).toList(),
                "conditions", desired.conditions().stream().map(ObjectMaps::conditionMap).toList()));
        return object;
    }

    @Override
    public Resource<? extends HasMetadata> resource(HasMetadata manifest) {
        return imports.resource(manifest);
    }
}
