package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

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

    private KubeResources() {
    }
}
