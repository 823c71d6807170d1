package io.fedgate.agent.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * One "cluster" for agent tests: fabric8's Kubernetes mock server in CRUD mode on loopback. (Scenarios across
 * clusters, with a real hub, are the cli module's MultiClusterAgentIT.)
 */
public final class MockCluster implements AutoCloseable {
    private static final String CRD_DIR = "/io/fedgate/agent/crds/";

    private final String id;
    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    public MockCluster(String id) {
        this.id = id;
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        this.client = server.createClient();
    }

    /** The cluster id. */
    public String id() {
        return id;
    }

    /** A client of this cluster's API server. */
    public NamespacedKubernetesClient client() {
        return client;
    }

    /** Installs the MCS CRDs from the agent chart, as Helm would. */
    public MockCluster installMcsCrds() {
        return installCrds(List.of(CRD_DIR + "multicluster.x-k8s.io_serviceexports.yaml",
                CRD_DIR + "multicluster.x-k8s.io_serviceimports.yaml"));
    }

    /** Installs the ClusterProperty CRD of KEP-2149 (about.k8s.io), both versions served. */
    public MockCluster installClusterPropertyCrd() {
        return installCrds(List.of("/io/fedgate/agent/testing/about.k8s.io_clusterproperties.yaml"));
    }

    private MockCluster installCrds(List<String> resources) {
        for (String file : resources) {
            try (InputStream in = MockCluster.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException(file + " is not on the test classpath");
                }
                CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in,
                        CustomResourceDefinition.class);
                client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
