package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The custom resources the agent reads and writes, addressed without typed classes. */
public final class KubeResources {
    /** API group of the Multi-Cluster Services API. */
    public static final String MCS_GROUP = "multicluster.x-k8s.io";
    /** Version of the MCS API fedgate speaks. */
    public static final String MCS_VERSION = "v1alpha1";
    /** {@code apiVersion} of MCS objects. */
    public static final String MCS_API_VERSION = MCS_GROUP + "/" + MCS_VERSION;
    /** Kube-OVN's API group and version. */
    public static final String KUBE_OVN_API_VERSION = "kubeovn.io/v1";
    /** Kind of MCS imports. */
    public static final String SERVICE_IMPORT_KIND = "ServiceImport";
    /** Kind of MCS exports. */
    public static final String SERVICE_EXPORT_KIND = "ServiceExport";

    /** ServiceExports ({@code multicluster.x-k8s.io/v1alpha1}), namespaced. */
    public static final ResourceDefinitionContext SERVICE_EXPORTS = new ResourceDefinitionContext.Builder()
            .withGroup(MCS_GROUP).withVersion(MCS_VERSION).withKind(SERVICE_EXPORT_KIND).withPlural("serviceexports")
            .withNamespaced(true).build();
    /** ServiceImports ({@code multicluster.x-k8s.io/v1alpha1}), namespaced. */
    public static final ResourceDefinitionContext SERVICE_IMPORTS = new ResourceDefinitionContext.Builder()
            .withGroup(MCS_GROUP).withVersion(MCS_VERSION).withKind(SERVICE_IMPORT_KIND).withPlural("serviceimports")
            .withNamespaced(true).build();
    /** Kube-OVN Subnets ({@code kubeovn.io/v1}), cluster-scoped. */
    public static final ResourceDefinitionContext SUBNETS = new ResourceDefinitionContext.Builder()
            .withGroup("kubeovn.io").withVersion("v1").withKind("Subnet").withPlural("subnets")
            .withNamespaced(false).build();

    private KubeResources() {
    }
}
