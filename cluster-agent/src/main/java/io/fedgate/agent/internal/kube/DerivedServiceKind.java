package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.SessionAffinityConfigBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fedgate.agent.internal.model.DerivedServiceState;
import io.fedgate.agent.internal.model.ImportObjects;
import io.fedgate.agent.internal.model.McsNames;
import io.fedgate.agent.internal.model.ObjectKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import java.util.List;
import java.util.Set;

/**
 * The derived Services of ClusterSetIP imports, and the per-endpoint ones of headless imports on the gateway
 * path: selector-less ClusterIP Services with the import's ports. Their cluster IP is allocated by the API
 * server and never written.
 */
public final class DerivedServiceKind extends BaseKind<DerivedServiceState> {
    private static final String SINGLE_STACK = "SingleStack";
    private static final Set<String> LABELS = Set.of(McsNames.MANAGED_BY, McsNames.MCS_SERVICE_NAME,
            McsNames.MCS_SOURCE_CLUSTER);

    private final KubernetesClient client;
    private final ClusterCaches caches;
    private final McsApi mcs;

    public DerivedServiceKind(KubernetesClient client, ClusterCaches caches, McsApi mcs) {
        super("Service", false, true);
        this.client = client;
        this.caches = caches;
        this.mcs = mcs;
    }

    @Override
    public HasMetadata cached(ObjectKey key) {
        return caches.service(key);
    }

    /** Every cached Service, fedgate's or not. */
    public List<Service> cachedAll() {
        return caches.services();
    }

    /** True for Services fedgate derived from an import (candidates for cleanup). */
    public static boolean isDerived(Service service) {
        var labels = service.getMetadata().getLabels();
        return McsNames.managedByFedgate(labels) && labels.containsKey(McsNames.MCS_SERVICE_NAME);
    }

    @Override
    public DerivedServiceState observed(HasMetadata observed) {
        Service service = (Service) observed;
        List<ServicePort> ports = service.getSpec().getPorts() == null ? List.of()
                : FactsReader.service(service).ports();
        var spec = service.getSpec();
        boolean clientIp = "ClientIP".equals(spec.getSessionAffinity());
        Integer timeout = null;
        if (clientIp) {
            // the API server defaults the timeout; reading the default back keeps desired and observed equal
            timeout = spec.getSessionAffinityConfig() != null && spec.getSessionAffinityConfig().getClientIP() != null
                    && spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds() != null
                    ? spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds()
                    : Integer.valueOf(ImportObjects.DEFAULT_AFFINITY_TIMEOUT_SECONDS);
        }
        // SingleStack is what the API server writes when none was asked for
        String familyPolicy = spec.getIpFamilyPolicy() == null || SINGLE_STACK.equals(spec.getIpFamilyPolicy())
                ? null : spec.getIpFamilyPolicy();
        return new DerivedServiceState(new ObjectKey(service.getMetadata().getNamespace(),
                service.getMetadata().getName()), ObjectMaps.managedLabels(service, LABELS), ObjectMaps.owner(service),
                ports, clientIp ? SessionAffinity.CLIENT_IP : SessionAffinity.NONE, timeout, familyPolicy);
    }

    @Override
    public HasMetadata manifest(DerivedServiceState desired) {
        return new ServiceBuilder()
                .withMetadata(ObjectMaps.metadata(desired.key(), desired.labels(), desired.owner(), mcs))
                .withNewSpec()
                .withType("ClusterIP")
                .withPorts(desired.ports().stream().map(p -> new ServicePortBuilder().withName(p.name())
                        .withPort(p.port()).withProtocol(p.protocol().name()).withAppProtocol(p.appProtocol())
                        .build()).toList())
                .withSessionAffinity(desired.sessionAffinity() == SessionAffinity.CLIENT_IP ? "ClientIP" : "None")
                .withSessionAffinityConfig(desired.sessionAffinityTimeoutSeconds() == null ? null
                        : new SessionAffinityConfigBuilder().withNewClientIP()
                        .withTimeoutSeconds(desired.sessionAffinityTimeoutSeconds()).endClientIP().build())
                .withIpFamilyPolicy(desired.ipFamilyPolicy())
                .endSpec()
                .build();
    }

    @Override
    public Resource<? extends HasMetadata> resource(HasMetadata manifest) {
        return client.services().inNamespace(manifest.getMetadata().getNamespace()).resource((Service) manifest);
    }
}
