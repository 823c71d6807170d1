package io.fedgate.cli.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fedgate.cli.local.McsView;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The content of every object an agent writes in one cluster (ServiceImports, ServiceExports, Services,
 * EndpointSlices), keyed by kind, namespace and name, without the bookkeeping the API server changes on every
 * write (resourceVersion, generation, managedFields). The status of an MCS object counts as a part of its own,
 * since it is written through its own subresource. Two snapshots give how many objects (or statuses) really
 * changed: the baseline writes are compared with.
 */
final class ManagedObjects {
    private static final List<ResourceDefinitionContext> MCS = List.of(McsView.SERVICE_IMPORTS,
            McsView.SERVICE_EXPORTS);

    private final Map<String, String> content;

    private ManagedObjects(Map<String, String> content) {
        this.content = content;
    }

    /** Reads the objects now. */
    static ManagedObjects of(KubernetesClient client) {
        KubernetesSerialization json = client.getKubernetesSerialization();
        Map<String, String> content = new HashMap<>();
        for (ResourceDefinitionContext kind : MCS) {
            for (GenericKubernetesResource o : client.genericKubernetesResources(kind).inAnyNamespace().list()
                    .getItems()) {
                GenericKubernetesResource copy = json.clone(o);
                Object status = copy.getAdditionalProperties().remove("status");
                content.put(key(o), canonical(json, copy));
                if (status != null) {
                    content.put(key(o) + "/status", json.asJson(status));
                }
            }
        }
        client.services().inAnyNamespace().list().getItems().forEach(o -> content.put(key(o), canonical(json, o)));
        client.discovery().v1().endpointSlices().inAnyNamespace().list().getItems()
                .forEach(o -> content.put(key(o), canonical(json, o)));
        return new ManagedObjects(content);
    }

    /** How many objects were created, deleted or changed between {@code before} and this snapshot. */
    int changedSince(ManagedObjects before) {
        Set<String> keys = new HashSet<>(content.keySet());
        keys.addAll(before.content.keySet());
        int changed = 0;
        for (String key : keys) {
            if (!java.util.Objects.equals(content.get(key), before.content.get(key))) {
                changed++;
            }
        }
        return changed;
    }

    private static String key(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    private static String canonical(KubernetesSerialization json, HasMetadata o) {
        HasMetadata copy = json.clone(o);
        ObjectMeta meta = copy.getMetadata();
        meta.setResourceVersion(null);
        meta.setGeneration(null);
        meta.setManagedFields(null);
        return json.asJson(copy);
    }
}
