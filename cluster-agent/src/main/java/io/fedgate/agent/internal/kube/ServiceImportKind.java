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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** ServiceImports (of the chosen {@link McsApi} version): labels, annotations and spec. */
public final class ServiceImportKind extends BaseKind<ServiceImportState> {
    static final String CLUSTER_SET_IP = "ClusterSetIP";
    static final String HEADLESS = "Headless";
    private static final Set<String> LABELS = Set.of(McsNames.MANAGED_BY);

    private final KubernetesClient client;
    private final ClusterCaches caches;
    private final McsApi mcs;

    public ServiceImportKind(KubernetesClient client, ClusterCaches caches, McsApi mcs) {
        super(KubeResources.SERVICE_IMPORT_KIND, false, true);
        this.client = client;
        this.caches = caches;
        this.mcs = mcs;
    }

    @Override
    public HasMetadata cached(ObjectKey key) {
        return caches.serviceImport(key);
    }

    /** The MCS API version the imports are written in. */
    McsApi mcs() {
        return mcs;
    }

    /** Every cached ServiceImport, fedgate's or not. */
    public List<GenericKubernetesResource> cachedAll() {
        return caches.serviceImports();
    }

    @Override
    public ServiceImportState observed(HasMetadata observed) {
        GenericKubernetesResource object = (GenericKubernetesResource) observed;
        Map<String, Object> spec = GenericFields.map(object, "spec");
        Map<String, String> annotations = object.getMetadata().getAnnotations() == null ? Map.of()
                : object.getMetadata().getAnnotations();
        Set<String> labelKeys = new HashSet<>(LABELS);
        labelKeys.addAll(keys(annotations.get(McsNames.EXPORTED_LABEL_KEYS)));
        Set<String> annotationKeys = new HashSet<>(keys(annotations.get(McsNames.EXPORTED_ANNOTATION_KEYS)));
        annotationKeys.add(McsNames.EXPORTED_LABEL_KEYS);
        annotationKeys.add(McsNames.EXPORTED_ANNOTATION_KEYS);
        Map<String, Object> clientIp = GenericFields.asMap(GenericFields.asMap(spec.get("sessionAffinityConfig"))
                .get("clientIP"));
        Object timeout = clientIp.get("timeoutSeconds");
        return new ServiceImportState(new ObjectKey(object.getMetadata().getNamespace(), object.getMetadata().getName()),
                ObjectMaps.managedLabels(object, labelKeys), ObjectMaps.managedAnnotations(object, annotationKeys),
                HEADLESS.equals(GenericFields.text(spec, "type")) ? ImportType.HEADLESS : ImportType.CLUSTER_SET_IP,
                GenericFields.list(spec, "ports").stream().map(ObjectMaps::port).toList(),
                GenericFields.list(spec, "ips").stream().map(Object::toString).toList(),
                GenericFields.list(spec, "ipFamilies").stream().map(Object::toString).toList(),
                "ClientIP".equals(GenericFields.text(spec, "sessionAffinity")) ? SessionAffinity.CLIENT_IP
                        : SessionAffinity.NONE,
                timeout instanceof Number n ? Integer.valueOf(n.intValue()) : null,
                GenericFields.text(spec, "internalTrafficPolicy"), GenericFields.text(spec, "trafficDistribution"));
    }

    @Override
    public HasMetadata manifest(ServiceImportState desired) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", desired.type() == ImportType.HEADLESS ? HEADLESS : CLUSTER_SET_IP);
        spec.put("ports", desired.ports().stream().map(ObjectMaps::portMap).toList());
        if (!desired.ips().isEmpty()) {
            spec.put("ips", List.copyOf(desired.ips()));
        }
        if (!desired.ipFamilies().isEmpty()) {
            spec.put("ipFamilies", List.copyOf(desired.ipFamilies()));
        }
        spec.put("sessionAffinity", desired.sessionAffinity() == SessionAffinity.CLIENT_IP ? "ClientIP" : "None");
        if (desired.sessionAffinityTimeoutSeconds() != null) {
            spec.put("sessionAffinityConfig", Map.of("clientIP",
                    Map.of("timeoutSeconds", desired.sessionAffinityTimeoutSeconds())));
        }
        if (desired.internalTrafficPolicy() != null) {
            spec.put("internalTrafficPolicy", desired.internalTrafficPolicy());
        }
        if (desired.trafficDistribution() != null) {
            spec.put("trafficDistribution", desired.trafficDistribution());
        }
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(mcs.apiVersion());
        object.setKind(KubeResources.SERVICE_IMPORT_KIND);
        object.setMetadata(ObjectMaps.metadata(desired.key(), desired.labels()));
        if (!desired.annotations().isEmpty()) {
            object.getMetadata().setAnnotations(new TreeMap<>(desired.annotations()));
        }
        object.setAdditionalProperty("spec", spec);
        return object;
    }

    /** The keys listed in one of the {@code fedgate.io/exported-*} annotations (comma-separated). */
    private static List<String> keys(String list) {
        return list == null || list.isBlank() ? List.of()
                : Arrays.stream(list.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
    }

    @Override
    public Resource<? extends HasMetadata> resource(HasMetadata manifest) {
        return client.genericKubernetesResources(mcs.serviceImports())
                .inNamespace(manifest.getMetadata().getNamespace())
                .resource((GenericKubernetesResource) manifest);
    }
}
