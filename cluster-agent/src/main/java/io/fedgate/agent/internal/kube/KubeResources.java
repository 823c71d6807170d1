package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/** The custom resources the agent reads and writes, addressed without typed classes; MCS ones through {@link McsApi}. */
public final class KubeResources {
    /** Kube-OVN's API group and version. */
    public static final String KUBE_OVN_API_VERSION = "kubeovn.io/v1";
    /** Kind of MCS imports. */
    public static final String SERVICE_IMPORT_KIND = "ServiceImport";
    /** Kind of MCS exports. */
    public static final String SERVICE_EXPORT_KIND = "ServiceExport";

    /** Kube-OVN Subnets ({@code kubeovn.io/v1}), cluster-scoped. */
    public static final ResourceDefinitionContext SUBNETS = new ResourceDefinitionContext.Builder()
            .withGroup("kubeovn.io").withVersion("v1").withKind("Subnet").withPlural("subnets")
            .withNamespaced(false).build();

    /** The API group of Kubernetes' ServiceCIDRs. */
    public static final String NETWORKING_GROUP = "networking.k8s.io";
    /** The versions ServiceCIDRs are served in, newest first: v1 from Kubernetes 1.33, v1beta1 in 1.31 and 1.32. */
    public static final List<String> SERVICE_CIDR_VERSIONS = List.of("v1", "v1beta1");

    /** Kubernetes ServiceCIDRs ({@code networking.k8s.io/<version>}), cluster-scoped. */
    public static ResourceDefinitionContext serviceCidrs(String version) {
        return new ResourceDefinitionContext.Builder().withGroup(NETWORKING_GROUP).withVersion(version)
                .withKind("ServiceCIDR").withPlural("servicecidrs").withNamespaced(false).build();
    }

    private KubeResources() {
    }
}
