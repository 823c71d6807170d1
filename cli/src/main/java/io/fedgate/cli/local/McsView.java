package io.fedgate.cli.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fedgate.api.model.ServiceKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what the MCS API says in one cluster: ServiceImports, the EndpointSlices labelled for an imported service,
 * and the conditions on ServiceExports.
 */
public final class McsView {
    /** The MCS label naming the imported service of an EndpointSlice. */
    public static final String SERVICE_NAME_LABEL = "multicluster.kubernetes.io/service-name";
    /** The MCS label naming the cluster an EndpointSlice's endpoints come from. */
    public static final String SOURCE_CLUSTER_LABEL = "multicluster.kubernetes.io/source-cluster";

    /** The MCS group. */
    public static final String GROUP = "multicluster.x-k8s.io";
    /**
     * The version this view reads and the seed writes: the storage version of the chart's CRDs. The simulated API
     * server also serves v1alpha1, on the same objects, for agents that use it.
     */
    public static final String VERSION = "v1beta1";
    /** {@code apiVersion} of the MCS objects this view reads and the seed writes. */
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** {@code serviceexports.multicluster.x-k8s.io}, {@value #VERSION}. */
    public static final ResourceDefinitionContext SERVICE_EXPORTS = mcs("ServiceExport", "serviceexports");
    /** {@code serviceimports.multicluster.x-k8s.io}, {@value #VERSION}. */
    public static final ResourceDefinitionContext SERVICE_IMPORTS = mcs("ServiceImport", "serviceimports");

    private final KubernetesClient client;

    public McsView(KubernetesClient client) {
        this.client = client;
    }

    /** The ServiceImport {@code key}, or null. */
    public GenericKubernetesResource serviceImport(ServiceKey key) {
        return client.genericKubernetesResources(SERVICE_IMPORTS).inNamespace(key.namespace()).withName(key.name())
                .get();
    }

    /** The EndpointSlices labelled {@value #SERVICE_NAME_LABEL}={@code key.name()} in {@code key}'s namespace. */
    public List<EndpointSlice> importSlices(ServiceKey key) {
        return client.discovery().v1().endpointSlices().inNamespace(key.namespace())
                .withLabel(SERVICE_NAME_LABEL, key.name()).list().getItems();
    }

    /** The ServiceExport {@code key}, or null. */
    public GenericKubernetesResource serviceExport(ServiceKey key) {
        return client.genericKubernetesResources(SERVICE_EXPORTS).inNamespace(key.namespace()).withName(key.name())
                .get();
    }

    /** The conditions of ServiceExport {@code key}: type to {@code status/reason}; empty when it has none. */
    public Map<String, String> exportConditions(ServiceKey key) {
        Map<String, String> result = new TreeMap<>();
        conditions(key).forEach(c -> result.put(String.valueOf(c.get("type")), c.get("status") + "/" + c.get("reason")));
        return result;
    }

    /** The message of condition {@code type} on ServiceExport {@code key}, or null. */
    public String conditionMessage(ServiceKey key, String type) {
        return conditions(key).stream().filter(c -> type.equals(c.get("type"))).map(c -> (String) c.get("message"))
                .findFirst().orElse(null);
    }

    private List<Map<?, ?>> conditions(ServiceKey key) {
        GenericKubernetesResource export = serviceExport(key);
        Object status = export == null ? null : export.getAdditionalProperties().get("status");
        Object conditions = status instanceof Map<?, ?> m ? m.get("conditions") : null;
        if (!(conditions instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(c -> (Map<?, ?>) c).toList();
    }

    private static ResourceDefinitionContext mcs(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(VERSION)
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }
}
