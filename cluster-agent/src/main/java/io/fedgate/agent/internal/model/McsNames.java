package io.fedgate.agent.internal.model;

import io.fedgate.api.model.GatewayListenerPorts.RemoteEndpoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names and labels of the objects fedgate writes, and the Kubernetes name rules it checks.
 *
 * <ul>
 *   <li>ServiceImport: the exported Service's namespace and name.</li>
 *   <li>Derived Service (ClusterSetIP imports only): {@code fedgate-<name>}, or, when that would be longer
 *       than a DNS-1035 label allows, the name's first 46 characters, {@code -} and 8 hex digits of the
 *       SHA-256 of the full name. It must differ from the exported Service's own name, which the exporting
 *       cluster also has.</li>
 *   <li>Per-endpoint derived Service (one per remote endpoint of a headless import on the gateway path):
 *       {@code fedgate-<name>-<8 hex digits of the SHA-256 of "<name>/<cluster>/<endpoint>">}, the name cut to
 *       its first 46 characters when longer.</li>
 *   <li>EndpointSlice: {@code <name>-<source cluster>-<ipv4|ipv6>}, then {@code -<n>} for the n-th further
 *       slice of the same source and family (other target ports, or more than
 *       {@link #MAX_ENDPOINTS_PER_SLICE} endpoints); a per-endpoint derived Service's slices are named so after
 *       that Service.</li>
 * </ul>
 */
public final class McsNames {
    /** Label on every object fedgate writes; objects without it are never changed. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** ServiceImport annotation: the label keys fedgate copied from the export's {@code exportedLabels}. */
    public static final String EXPORTED_LABEL_KEYS = "fedgate.io/exported-labels";
    /** ServiceImport annotation: the annotation keys fedgate copied from the export's {@code exportedAnnotations}. */
    public static final String EXPORTED_ANNOTATION_KEYS = "fedgate.io/exported-annotations";
    /** {@link #MANAGED_BY}'s value. */
    public static final String FEDGATE = "fedgate";
    /** MCS label: the imported service's name, on derived Services and EndpointSlices. */
    public static final String MCS_SERVICE_NAME = "multicluster.kubernetes.io/service-name";
    /** MCS label: the cluster an EndpointSlice's endpoints come from. */
    public static final String MCS_SOURCE_CLUSTER = "multicluster.kubernetes.io/source-cluster";
    /** Tells the EndpointSlice controller (and readers) who maintains a slice. */
    public static final String SLICE_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    /**
     * On the EndpointSlices of per-endpoint derived Services: the import they belong to. Those slices must not
     * carry {@link #MCS_SERVICE_NAME}: DNS reads every slice with that label as endpoints of the import.
     */
    public static final String FEDGATE_IMPORT = "fedgate.io/import";
    /** The Service an EndpointSlice serves; kube-proxy routes the Service's IP to the slice's endpoints. */
    public static final String SLICE_SERVICE_NAME = "kubernetes.io/service-name";

    /** The EndpointSlice API's limit of endpoints in one slice. */
    public static final int MAX_ENDPOINTS_PER_SLICE = 1000;

    private static final String DERIVED_PREFIX = "fedgate-";
    private static final int MAX_LABEL_LENGTH = 63;
    private static final int HASH_HEX_DIGITS = 8;
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private McsNames() {
    }

    /** True when {@code name} is a DNS-1035 label, the rule for Service names. */
    public static boolean isServiceName(String name) {
        return name != null && name.length() <= MAX_LABEL_LENGTH && DNS_1035_LABEL.matcher(name).matches();
    }

    /** True when the labels say fedgate wrote the object. */
    public static boolean managedByFedgate(Map<String, String> labels) {
        return labels != null && FEDGATE.equals(labels.get(MANAGED_BY));
    }

    /** Name of the derived Service of the import of {@code serviceName}. */
    public static String derivedServiceName(String serviceName) {
        String name = DERIVED_PREFIX + serviceName;
        if (name.length() <= MAX_LABEL_LENGTH) {
            return name;
        }
        int keep = MAX_LABEL_LENGTH - DERIVED_PREFIX.length() - 1 - HASH_HEX_DIGITS;
        return DERIVED_PREFIX + serviceName.substring(0, keep) + "-" + shortHash(serviceName);
    }

    /** Name of the per-endpoint derived Service of {@code endpoint} of the headless import of {@code serviceName}. */
    public static String endpointServiceName(String serviceName, RemoteEndpoint endpoint) {
        int keep = MAX_LABEL_LENGTH - DERIVED_PREFIX.length() - 1 - HASH_HEX_DIGITS;
        String base = serviceName.length() <= keep ? serviceName : serviceName.substring(0, keep);
        // a cut may end in '-': harmless, the hash follows
        return DERIVED_PREFIX + base + "-" + shortHash(serviceName + "/" + endpoint.clusterId() + "/" + endpoint.name());
    }

    /** The import a fedgate object belongs to: its {@link #MCS_SERVICE_NAME}, else its {@link #FEDGATE_IMPORT}. */
    public static String importName(Map<String, String> labels) {
        if (labels == null) {
            return null;
        }
        String name = labels.get(MCS_SERVICE_NAME);
        return name != null ? name : labels.get(FEDGATE_IMPORT);
    }

    /**
     * Name of an EndpointSlice of an import.
     *
     * @param addressType {@code IPv4} or {@code IPv6}
     * @param index       0 for the first slice of this source and family, then 1, 2, ...
     */
    public static String sliceName(String serviceName, String sourceCluster, String addressType, int index) {
        String base = serviceName + "-" + sourceCluster + "-" + addressType.toLowerCase(java.util.Locale.ROOT);
        return index == 0 ? base : base + "-" + index;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
