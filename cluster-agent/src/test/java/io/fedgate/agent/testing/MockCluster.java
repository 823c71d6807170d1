package io.fedgate.agent.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fedgate.agent.internal.kube.KubeResources;
import io.fedgate.agent.internal.model.McsNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One "cluster" for agent tests: fabric8's Kubernetes mock server in CRUD mode on loopback, with helpers that
 * create what users and Kubernetes controllers would (namespaces, Services, EndpointSlices, ServiceExports,
 * Kube-OVN objects) and read what the agent wrote.
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
        for (String file : List.of("multicluster.x-k8s.io_serviceexports.yaml", "multicluster.x-k8s.io_serviceimports.yaml")) {
            try (InputStream in = MockCluster.class.getResourceAsStream(CRD_DIR + file)) {
                if (in == null) {
                    throw new IllegalStateException(CRD_DIR + file + " is not on the test classpath");
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

    /** Installs a CRD for Kube-OVN's {@code subnets.kubeovn.io}, as Kube-OVN's chart would. */
    public MockCluster installSubnetCrd() {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("subnets.kubeovn.io").endMetadata()
                .withNewSpec().withGroup("kubeovn.io").withScope("Cluster")
                .withNewNames().withKind("Subnet").withPlural("subnets").withSingular("subnet").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec().build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        return this;
    }

    /** Creates a Kube-OVN Subnet. */
    public void subnet(String name, String cidrBlock, boolean isDefault) {
        GenericKubernetesResource subnet = new GenericKubernetesResource();
        subnet.setApiVersion(KubeResources.KUBE_OVN_API_VERSION);
        subnet.setKind("Subnet");
        subnet.setMetadata(new ObjectMetaBuilder().withName(name).build());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cidrBlock", cidrBlock);
        spec.put("default", isDefault);
        subnet.setAdditionalProperty("spec", spec);
        client.genericKubernetesResources(KubeResources.SUBNETS).resource(subnet).create();
    }

    /** Creates {@code kube-system/ovn-ic-config} enabling interconnection in {@code az} with {@code gwNodes}. */
    public void ovnIcConfig(String az, String gwNodes) {
        namespace("kube-system");
        client.configMaps().inNamespace("kube-system").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("ovn-ic-config").withNamespace("kube-system").endMetadata()
                .withData(Map.of("enable-ic", "true", "az-name", az, "gw-nodes", gwNodes, "ic-db-host", "192.0.2.10",
                        "ic-nb-port", "6645", "ic-sb-port", "6646", "auto-route", "false"))
                .build()).create();
    }

    /** Creates a node with a pod CIDR and topology labels. */
    public void node(String name, String podCidr, String region, String zone, boolean gateway, String internalIp) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("topology.kubernetes.io/region", region).addToLabels("topology.kubernetes.io/zone", zone)
                .addToLabels(gateway ? Map.of("fedgate.io/gateway", "true") : Map.of()).endMetadata()
                .withNewSpec().withPodCIDR(podCidr).withPodCIDRs(podCidr).endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress().endStatus()
                .build()).create();
    }

    /** Creates a namespace (no-op when it exists). */
    public void namespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                    .withNewStatus().withPhase("Active").endStatus().build()).create();
        }
    }

    /** Creates a ClusterIP Service with one TCP port. */
    public Service service(String namespace, String name, String clusterIp, String portName, int port) {
        return client.services().inNamespace(namespace).resource(new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(clusterIp)
                .withPorts(new ServicePortBuilder().withName(portName).withPort(port).withProtocol("TCP").build())
                .endSpec().build()).create();
    }

    /**
     * Creates an EndpointSlice of Service {@code namespace/service} as the EndpointSlice controller would.
     *
     * @param endpoints address to readiness
     */
    public void endpointSlice(String namespace, String service, String name, String portName, int port,
                              Map<String, Boolean> endpoints) {
        client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice(namespace, service, name,
                portName, port, endpoints)).create();
    }

    /** Replaces the endpoints of a slice created by {@link #endpointSlice}. */
    public void updateEndpointSlice(String namespace, String service, String name, String portName, int port,
                                    Map<String, Boolean> endpoints) {
        client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice(namespace, service, name,
                portName, port, endpoints)).update();
    }

    private static EndpointSlice slice(String namespace, String service, String name, String portName, int port,
                                       Map<String, Boolean> endpoints) {
        return new EndpointSliceBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(McsNames.SLICE_SERVICE_NAME, service)
                .addToLabels(McsNames.SLICE_MANAGED_BY, "endpointslice-controller.k8s.io").endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName(portName).withPort(port).withProtocol("TCP").endPort()
                .withEndpoints(endpoints.entrySet().stream().map(e -> new EndpointBuilder().withAddresses(e.getKey())
                        .withNewConditions().withReady(e.getValue()).endConditions().build()).toList())
                .build();
    }

    /** Creates a ServiceExport. */
    public GenericKubernetesResource export(String namespace, String name) {
        return export(namespace, name, Map.of());
    }

    /** Creates a ServiceExport with annotations. */
    public GenericKubernetesResource export(String namespace, String name, Map<String, String> annotations) {
        GenericKubernetesResource export = new GenericKubernetesResource();
        export.setApiVersion(KubeResources.MCS_API_VERSION);
        export.setKind(KubeResources.SERVICE_EXPORT_KIND);
        export.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withAnnotations(annotations).build());
        return client.genericKubernetesResources(KubeResources.SERVICE_EXPORTS).inNamespace(namespace).resource(export)
                .create();
    }

    /** Deletes a ServiceExport. */
    public void deleteExport(String namespace, String name) {
        client.genericKubernetesResources(KubeResources.SERVICE_EXPORTS).inNamespace(namespace).withName(name).delete();
    }

    /** The ServiceExport, or null. */
    public GenericKubernetesResource serviceExport(String namespace, String name) {
        return client.genericKubernetesResources(KubeResources.SERVICE_EXPORTS).inNamespace(namespace).withName(name)
                .get();
    }

    /** The ServiceImport, or null. */
    public GenericKubernetesResource serviceImport(String namespace, String name) {
        return client.genericKubernetesResources(KubeResources.SERVICE_IMPORTS).inNamespace(namespace).withName(name)
                .get();
    }

    /** Creates a ServiceImport the way another tool would: without fedgate's label. */
    public GenericKubernetesResource foreignServiceImport(String namespace, String name) {
        GenericKubernetesResource serviceImport = new GenericKubernetesResource();
        serviceImport.setApiVersion(KubeResources.MCS_API_VERSION);
        serviceImport.setKind(KubeResources.SERVICE_IMPORT_KIND);
        serviceImport.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .addToLabels(McsNames.MANAGED_BY, "another-mcs-controller").build());
        serviceImport.setAdditionalProperty("spec", Map.of("type", "Headless", "ports", List.of(Map.of("port", 1))));
        return client.genericKubernetesResources(KubeResources.SERVICE_IMPORTS).inNamespace(namespace)
                .resource(serviceImport).create();
    }

    /** The EndpointSlices labelled with the MCS service name {@code name} in {@code namespace}. */
    public List<EndpointSlice> importSlices(String namespace, String name) {
        return client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel(McsNames.MCS_SERVICE_NAME, name).list().getItems();
    }

    /** The Service, or null. */
    public Service getService(String namespace, String name) {
        return client.services().inNamespace(namespace).withName(name).get();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
