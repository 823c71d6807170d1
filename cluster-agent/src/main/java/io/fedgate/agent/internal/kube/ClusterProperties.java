package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's identity as KEP-2149 ({@code about.k8s.io} ClusterProperty) states it: {@value #CLUSTER_ID}
 * holds the cluster's id and {@value #CLUSTER_SET} its cluster set. Where the CRD is served, a property that is
 * present must agree with the agent's configuration (another MCS implementation or an operator set it; a
 * silent disagreement would give one cluster two names), and one that is absent is written. Where the CRD is
 * not served, nothing is read or written.
 */
public final class ClusterProperties {
    /** The property holding the cluster's id. */
    public static final String CLUSTER_ID = "cluster.clusterset.k8s.io";
    /** The property holding the cluster set's name. */
    public static final String CLUSTER_SET = "clusterset.k8s.io";
    static final String GROUP = "about.k8s.io";
    private static final List<String> VERSIONS = List.of("v1beta1", "v1alpha1");
    private static final Logger LOG = LoggerFactory.getLogger(ClusterProperties.class);

    private final KubernetesClient client;
    private final String clusterId;
    private final ObjectReconciler.WriteRecorder recorder;
    private boolean reportedUnserved;

    public ClusterProperties(KubernetesClient client, String clusterId, ObjectReconciler.WriteRecorder recorder) {
        this.client = client;
        this.clusterId = clusterId;
        this.recorder = recorder;
    }

    /**
     * Reads the two properties and writes the absent ones.
     *
     * @param clusterSet the cluster set the agent's hub serves, or null when unknown (then it is read only)
     * @return what disagrees with the agent's configuration, empty when nothing does
     * @throws KubernetesClientException when discovery or a read fails for another reason than absence
     */
    public List<String> reconcile(String clusterSet) {
        ResourceDefinitionContext served = served();
        if (served == null) {
            if (!reportedUnserved) {
                reportedUnserved = true;
                LOG.info("cluster {}: ClusterProperty ({}) is not served; the cluster id comes from the agent's "
                        + "configuration only", clusterId, GROUP);
            }
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        agree(served, CLUSTER_ID, clusterId, "cluster id", problems);
        agree(served, CLUSTER_SET, clusterSet, "cluster set", problems);
        return problems;
    }

    private void agree(ResourceDefinitionContext served, String property, String expected, String what,
                       List<String> problems) {
        GenericKubernetesResource stored = client.genericKubernetesResources(served).withName(property).get();
        if (stored != null) {
            String value = GenericFields.text(GenericFields.map(stored, "spec"), "value");
            if (expected != null && !expected.equals(value)) {
                problems.add("ClusterProperty " + property + " says the " + what + " is \"" + value
                        + "\", but this agent's is \"" + expected + "\"; correct one of them");
            }
            return;
        }
        if (expected == null) {
            return;
        }
        GenericKubernetesResource created = new GenericKubernetesResource();
        created.setApiVersion(GROUP + "/" + served.getVersion());
        created.setKind("ClusterProperty");
        created.setMetadata(new ObjectMetaBuilder().withName(property).build());
        created.setAdditionalProperty("spec", Map.of("value", expected));
        try {
            client.genericKubernetesResources(served).resource(created).create();
            recorder.written("ClusterProperty");
            LOG.info("cluster {}: wrote ClusterProperty {} = {}", clusterId, property, expected);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                LOG.warn("cluster {}: cannot write ClusterProperty {}: HTTP {}: {}", clusterId, property, e.getCode(),
                        e.getMessage());
            }
        }
    }

    private ResourceDefinitionContext served() {
        for (String version : VERSIONS) {
            try {
                APIResourceList resources = client.getApiResources(GROUP + "/" + version);
                if (resources != null && resources.getResources() != null && resources.getResources().stream()
                        .map(APIResource::getName).anyMatch("clusterproperties"::equals)) {
                    return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(version)
                            .withKind("ClusterProperty").withPlural("clusterproperties").withNamespaced(false).build();
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                    throw e;
                }
            }
        }
        return null;
    }
}
