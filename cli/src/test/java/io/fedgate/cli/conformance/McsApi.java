package io.fedgate.cli.conformance;

/**
 * The names of the Multi-Cluster Services API (sigs.k8s.io/mcs-api v0.5.0) the conformance suite uses. Every MCS
 * object the suite reads or writes goes through {@link #API_VERSION}: the upstream suite speaks {@code v1beta1}
 * only, and its set-up fails when a cluster does not serve it.
 */
final class McsApi {
    /** The one MCS API version of the suite. */
    static final String VERSION = "v1beta1";
    /** The MCS API group. */
    static final String GROUP = "multicluster.x-k8s.io";
    /** {@code apiVersion} of every ServiceExport and ServiceImport the suite touches. */
    static final String API_VERSION = GROUP + "/" + VERSION;

    static final String SERVICE_EXPORT = "ServiceExport";
    static final String SERVICE_IMPORT = "ServiceImport";

    /** ServiceExport condition types ({@code v1beta1.ServiceExportCondition*}). */
    static final String CONDITION_VALID = "Valid";
    static final String CONDITION_CONFLICT = "Conflict";
    static final String TRUE = "True";
    static final String FALSE = "False";

    /** ServiceImport {@code spec.type} values. */
    static final String CLUSTER_SET_IP = "ClusterSetIP";
    static final String HEADLESS = "Headless";

    /** {@code v1beta1.LabelServiceName}: the MCS label on EndpointSlices naming the service. */
    static final String LABEL_SERVICE_NAME = "multicluster.kubernetes.io/service-name";
    /** {@code v1beta1.LabelSourceCluster}: the MCS label on EndpointSlices naming the cluster they come from. */
    static final String LABEL_SOURCE_CLUSTER = "multicluster.kubernetes.io/source-cluster";
    /** {@code discoveryv1.LabelManagedBy}. */
    static final String LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    /** The {@link #LABEL_MANAGED_BY} value of the slices Kubernetes' EndpointSlice controller maintains. */
    static final String K8S_ENDPOINT_SLICE_MANAGED_BY = "endpointslice-controller.k8s.io";
    /** {@code discoveryv1.LabelServiceName}: the Service an EndpointSlice belongs to. */
    static final String LABEL_K8S_SERVICE_NAME = "kubernetes.io/service-name";

    /** Ginkgo labels of the upstream suite ({@code report.go}), as JUnit tags. */
    static final String REQUIRED = "Required";
    static final String OPTIONAL = "Optional";
    static final String CLUSTER_IP = "ClusterIP";
    static final String HEADLESS_LABEL = "Headless";
    static final String EXTERNAL_NAME = "ExternalName";
    static final String ENDPOINT_SLICE = "EndpointSlice";
    static final String EXPORTED_LABELS = "ExportedLabels";

    private McsApi() {
    }
}
