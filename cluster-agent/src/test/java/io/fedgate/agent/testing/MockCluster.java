package io.fedgate.agent.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * One "cluster" for agent tests: fabric8's Kubernetes mock server in CRUD mode on loopback, whose API discovery
 * lists every served version of a stored CRD, as kube-apiserver's does. (Scenarios across clusters, with a real
 * hub, are the cli module's MultiClusterAgentIT.)
 */
public final class MockCluster implements AutoCloseable {
    private static final String CRD_DIR = "/io/fedgate/agent/crds/";

    private final String id;
    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    public MockCluster(String id) {
        this.id = id;
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new EveryServedVersionDispatcher(), false);
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

    /**
     * Installs the MCS CRDs fedgate shipped before mcs-api v0.5.0 (v1alpha1 only), kept by the charts module's
     * tests as the upgrade path's starting point: a cluster that never upgraded them.
     */
    public MockCluster installPreviousMcsCrds() {
        Path dir = Path.of("..", "charts", "src", "test", "resources", "previous-crds");
        for (String file : List.of("multicluster.x-k8s.io_serviceexports.yaml", "multicluster.x-k8s.io_serviceimports.yaml")) {
            try (InputStream in = Files.newInputStream(dir.resolve(file))) {
                client.apiextensions().v1().customResourceDefinitions().resource(client.getKubernetesSerialization()
                        .unmarshal(in, CustomResourceDefinition.class)).create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Installs the ClusterProperty CRD of KEP-2149 (about.k8s.io), both versions served. */
    public MockCluster installClusterPropertyCrd() {
        return installCrds(List.of("/io/fedgate/agent/testing/about.k8s.io_clusterproperties.yaml"));
    }

    /** Installs Kube-OVN's Subnet CRD (the fields the agent reads). */
    public MockCluster installKubeOvnSubnetCrd() {
        return installCrds(List.of("/io/fedgate/agent/testing/kubeovn.io_subnets.yaml"));
    }

    /** Serves ServiceCIDRs in {@code version} (v1 or v1beta1), as kube-apiserver 1.33+ or 1.31-1.32 does. */
    public MockCluster serveServiceCidrs(String version) {
        return installCrds(List.of("/io/fedgate/agent/testing/networking.k8s.io_servicecidrs_" + version + ".yaml"));
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
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // fabric8's mock server can deadlock its own event loop when a watch closes while an event for it is
            // still queued (WatchEventsListener.onClosed waits for the queue, whose send needs that loop); its
            // shutdown then times out after 10 s. That is the stand-in's teardown, not the agent's behaviour: the
            // server's threads end on their own within a minute, and nothing of this cluster is used again.
            System.err.println("MockCluster " + id + ": mock API server did not close cleanly: " + e.getMessage());
        }
    }

    /**
     * fabric8's CRUD dispatcher, which registers a stored CRD for discovery under its storage version only; this one
     * also registers its other served versions, so that {@code /apis/<group>/<version>} lists the CRD's resources
     * for each (the MCS CRDs store v1beta1 and still serve v1alpha1). Objects stay keyed by the version they were
     * written under: a test reads them under that version.
     */
    private static final class EveryServedVersionDispatcher extends KubernetesCrudDispatcher {
        private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

        private final KubernetesSerialization serialization = new KubernetesSerialization();

        @Override
        public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                                 GenericKubernetesResource resource, String newState) {
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
            // newState is null for a deletion; a deleted CRD's other versions stay listed, which no test needs
            if (newState == null || !path.startsWith(CRDS)) {
                return;
            }
            CustomResourceDefinition crd = serialization.unmarshal(newState, CustomResourceDefinition.class);
            CustomResourceDefinitionContext stored = CustomResourceDefinitionContext.fromCrd(crd);
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                if (Boolean.TRUE.equals(version.getServed()) && !version.getName().equals(stored.getVersion())) {
                    expectCustomResource(new CustomResourceDefinitionContext.Builder().withName(stored.getName())
                            .withGroup(stored.getGroup()).withVersion(version.getName()).withPlural(stored.getPlural())
                            .withKind(stored.getKind()).withScope(stored.getScope())
                            .withStatusSubresource(version.getSubresources() != null
                                    && version.getSubresources().getStatus() != null)
                            .build());
                }
            }
        }
    }
}
