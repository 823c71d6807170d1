package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the MCS CRDs ({@code serviceexports} and {@code serviceimports} of
 * {@code multicluster.x-k8s.io/v1alpha1}) are served, and installs them when allowed, from the agent chart's
 * {@code crds/} folder (copied into this module's resources by the build). Uses API discovery, which every
 * authenticated client may read, so checking needs no permission on CRDs; installing needs {@code create}.
 * Also tells whether Kube-OVN's {@code Subnet} CRD is served.
 */
public final class CrdGate {
    /** Names of the two MCS CRDs, as {@code kubectl get crd} shows them. */
    public static final List<String> MCS_CRDS = List.of("serviceexports." + KubeResources.MCS_GROUP,
            "serviceimports." + KubeResources.MCS_GROUP);
    /** Classpath folder of the CRD manifests. */
    static final String RESOURCE_DIR = "/io/fedgate/agent/crds/";

    private static final Logger LOG = LoggerFactory.getLogger(CrdGate.class);

    private final KubernetesClient client;
    private final String clusterId;
    private final boolean install;
    private final ObjectReconciler.WriteRecorder recorder;

    /**
     * @param install  create missing MCS CRDs ({@code --install-crds})
     * @param recorder counts the CRD creations as writes
     */
    public CrdGate(KubernetesClient client, String clusterId, boolean install, ObjectReconciler.WriteRecorder recorder) {
        this.client = client;
        this.clusterId = clusterId;
        this.install = install;
        this.recorder = recorder;
    }

    /**
     * Installs what is missing when allowed, then says which MCS CRDs are still not served (an installed CRD
     * is served once the API server established it, usually within a second).
     *
     * @return names of the missing CRDs; empty when both are served
     * @throws KubernetesClientException when discovery itself fails (API server unreachable)
     */
    public List<String> ensureMcsCrds() {
        List<String> missing = missing();
        if (!missing.isEmpty() && install) {
            missing.forEach(this::install);
            missing = missing();
        }
        return missing;
    }

    /** True when Kube-OVN's Subnet CRD ({@code subnets.kubeovn.io}, version v1) is served. */
    public boolean subnetsServed() {
        return served(KubeResources.KUBE_OVN_API_VERSION).contains("subnets");
    }

    private List<String> missing() {
        Set<String> served = served(KubeResources.MCS_API_VERSION);
        List<String> missing = new ArrayList<>();
        for (String crd : MCS_CRDS) {
            if (!served.contains(crd.substring(0, crd.indexOf('.')))) {
                missing.add(crd);
            }
        }
        return missing;
    }

    private Set<String> served(String groupVersion) {
        try {
            APIResourceList resources = client.getApiResources(groupVersion);
            return resources == null || resources.getResources() == null ? Set.of()
                    : resources.getResources().stream().map(APIResource::getName).collect(Collectors.toSet());
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return Set.of();
            }
            throw e;
        }
    }

    private void install(String crdName) {
        CustomResourceDefinition crd = load(crdName);
        try {
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            recorder.written("CustomResourceDefinition");
            LOG.info("cluster {}: installed CRD {}", clusterId, crdName);
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                LOG.info("cluster {}: CRD {} already exists (not served yet)", clusterId, crdName);
            } else {
                LOG.warn("cluster {}: cannot install CRD {}: HTTP {}: {}", clusterId, crdName, e.getCode(),
                        e.getMessage());
            }
        }
    }

    private CustomResourceDefinition load(String crdName) {
        String file = RESOURCE_DIR + KubeResources.MCS_GROUP + "_" + crdName.substring(0, crdName.indexOf('.'))
                + ".yaml";
        try (InputStream in = CrdGate.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("CRD manifest " + file + " is missing from the agent's classpath");
            }
            return client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRD manifest " + file, e);
        }
    }
}
