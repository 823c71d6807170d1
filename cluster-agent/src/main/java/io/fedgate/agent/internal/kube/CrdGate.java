package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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
 * Checks that the MCS CRDs ({@code serviceexports} and {@code serviceimports} of {@code multicluster.x-k8s.io})
 * are served, and installs them when allowed, from the agent chart's {@code crds/} folder (copied into this
 * module's resources by the build). Chooses the {@link McsApi} version: {@code v1beta1} when both CRDs serve it,
 * else {@code v1alpha1} when both serve that (CRDs from before mcs-api v0.5.0), logged once. Uses API discovery,
 * which every authenticated client may read, so checking needs no permission on CRDs; installing needs
 * {@code create}. Also tells whether Kube-OVN's {@code Subnet} CRD is served.
 */
public final class CrdGate {
    /** Names of the two MCS CRDs, as {@code kubectl get crd} shows them. */
    public static final List<String> MCS_CRDS = List.of("serviceexports." + McsApi.GROUP,
            "serviceimports." + McsApi.GROUP);
    /** Classpath folder of the CRD manifests. */
    static final String RESOURCE_DIR = "/io/fedgate/agent/crds/";

    private static final Logger LOG = LoggerFactory.getLogger(CrdGate.class);

    private final KubernetesClient client;
    private final String clusterId;
    private final boolean install;
    private final ObjectReconciler.WriteRecorder recorder;
    private final McsApi mcs;

    /**
     * @param install  create missing MCS CRDs ({@code --install-crds})
     * @param recorder counts the CRD creations as writes
     * @param mcs      receives the chosen MCS API version
     */
    public CrdGate(KubernetesClient client, String clusterId, boolean install, ObjectReconciler.WriteRecorder recorder,
                   McsApi mcs) {
        this.client = client;
        this.clusterId = clusterId;
        this.install = install;
        this.recorder = recorder;
        this.mcs = mcs;
    }

    /**
     * Installs what is missing when allowed, then says which MCS CRDs are still not served (an installed CRD
     * is served once the API server established it, usually within a second).
     *
     * @return names of the missing CRDs; empty when both are served, and then the {@link McsApi} version is chosen
     * @throws KubernetesClientException when discovery itself fails (API server unreachable)
     */
    public List<String> ensureMcsCrds() {
        List<String> missing = missing(McsApi.PREFERENCE);
        if (!missing.isEmpty() && install) {
            missing.forEach(this::install);
            missing = missing(McsApi.PREFERENCE);
        }
        if (missing.isEmpty() && !choose()) {
            LOG.warn("cluster {}: the MCS CRDs serve no common version of {}; fedgate speaks {}", clusterId,
                    McsApi.GROUP, McsApi.PREFERENCE);
            return MCS_CRDS;
        }
        return missing;
    }

    /** Chooses the most preferred version both CRDs serve, logged when chosen; false when they share none. */
    private boolean choose() {
        for (String version : McsApi.PREFERENCE) {
            if (missing(List.of(version)).isEmpty()) {
                if (!mcs.chosen() || !mcs.version().equals(version)) {
                    mcs.choose(version);
                    if (version.equals(McsApi.V1BETA1)) {
                        LOG.info("cluster {}: speaking {}/{} (the MCS CRDs serve it)", clusterId, McsApi.GROUP,
                                version);
                    } else {
                        LOG.warn("cluster {}: the MCS CRDs do not serve {}/{}; speaking {}/{}, which CRDs from "
                                        + "before mcs-api v0.5.0 serve. Upgrade them from charts/fedgate-agent/crds "
                                        + "(charts/README.md, \"Upgrading the MCS CRDs\")", clusterId, McsApi.GROUP,
                                McsApi.V1BETA1, McsApi.GROUP, version);
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** True when Kube-OVN's Subnet CRD ({@code subnets.kubeovn.io}, version v1) is served. */
    public boolean subnetsServed() {
        return served(KubeResources.KUBE_OVN_API_VERSION).contains("subnets");
    }

    /**
     * The newest version ServiceCIDRs are served in ({@link KubeResources#SERVICE_CIDR_VERSIONS}), or null when the
     * cluster serves none (before Kubernetes 1.31, or with the MultiCIDRServiceAllocator gate off).
     */
    public ResourceDefinitionContext serviceCidrsServed() {
        for (String version : KubeResources.SERVICE_CIDR_VERSIONS) {
            if (served(KubeResources.NETWORKING_GROUP + "/" + version).contains("servicecidrs")) {
                return KubeResources.serviceCidrs(version);
            }
        }
        return null;
    }

    /** The MCS CRDs that no version of {@code versions} serves (a CRD counts when any of them serves it). */
    private List<String> missing(List<String> versions) {
        Set<String> served = new java.util.HashSet<>();
        for (String version : versions) {
            served.addAll(served(McsApi.GROUP + "/" + version));
        }
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
        String file = RESOURCE_DIR + McsApi.GROUP + "_" + crdName.substring(0, crdName.indexOf('.'))
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
