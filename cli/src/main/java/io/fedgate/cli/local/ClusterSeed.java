package io.fedgate.cli.local;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.codec.WireNames;
import io.fedgate.api.net.Cidr;
import io.fedgate.api.topology.TopologyCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Creates in a simulated cluster's API server what users, Helm and Kubernetes' own controllers would have
 * created: the MCS CRDs, namespaces, a node with topology labels, Kube-OVN's Subnets and {@code ovn-ic-config}
 * (Kube-OVN clusters), the gateway Service with an EndpointSlice of the gateway replicas, and per exported
 * service a Service, its EndpointSlice (as the EndpointSlice controller would) and an annotated ServiceExport.
 */
public final class ClusterSeed {
    /** Namespace of the gateway Service. */
    public static final String SYSTEM_NAMESPACE = "fedgate-system";
    /** Name of the gateway Service. */
    public static final String GATEWAY_SERVICE = "fedgate-gateway";
    /** Port of the gateway Service's {@code tunnel} port. */
    public static final int TUNNEL_PORT = 15001;

    private static final String CRD_DIR = "/io/fedgate/agent/crds/";
    private static final ResourceDefinitionContext SUBNETS = new ResourceDefinitionContext.Builder()
            .withGroup("kubeovn.io").withVersion("v1").withKind("Subnet").withPlural("subnets").withNamespaced(false)
            .build();

    private final KubernetesClient client;
    private final TopologyCluster cluster;

    public ClusterSeed(KubernetesClient client, TopologyCluster cluster) {
        this.client = client;
        this.cluster = cluster;
    }

    /** The cluster-wide objects: CRDs, namespaces, node, Kube-OVN network, gateway Service. */
    public void platform(List<String> gatewayAddresses) {
        mcsCrds();
        namespace("kube-system");
        namespace(SYSTEM_NAMESPACE);
        node();
        if (cluster.isKubeOvn()) {
            kubeOvn();
        }
        gatewayService(gatewayAddresses);
    }

    /** One exported service: Service, EndpointSlice of {@code backends}, ServiceExport with fedgate's annotations. */
    public void export(SeededService service, int weight, int priority, List<String> backends) {
        service(service.key(), service.type(), service.ports(), service.clusterIp());
        Map<String, Boolean> ready = new LinkedHashMap<>();
        backends.forEach(address -> ready.put(address, true));
        endpoints(service.key(), service.ports(), ready);
        TrafficPolicy policy = service.policy();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("fedgate.io/weight", Integer.toString(weight));
        annotations.put("fedgate.io/priority", Integer.toString(priority));
        annotations.put("fedgate.io/load-balancing", WireNames.of(policy.loadBalancing()));
        if (!policy.failoverOrder().isEmpty()) {
            annotations.put("fedgate.io/failover-order", String.join(",", policy.failoverOrder()));
        }
        export(service.key(), annotations);
    }

    /** The Service {@code key} (and its namespace when missing); {@code clusterIp} "None" makes it headless. */
    public void service(ServiceKey key, ImportType type, List<ServicePort> ports, String clusterIp) {
        namespace(key.namespace());
        boolean headless = type == ImportType.HEADLESS;
        client.services().inNamespace(key.namespace()).resource(new ServiceBuilder()
                .withNewMetadata().withName(key.name()).withNamespace(key.namespace()).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(headless ? "None" : clusterIp)
                .withPorts(ports.stream().map(p -> new ServicePortBuilder().withName(p.name())
                        .withPort(p.port()).withProtocol(p.protocol().name()).build()).toList())
                .endSpec().build()).create();
    }

    /**
     * Creates or replaces the EndpointSlice of Service {@code key} the way the EndpointSlice controller keeps it:
     * one endpoint per address with its readiness.
     */
    public void endpoints(ServiceKey key, List<ServicePort> ports, Map<String, Boolean> readiness) {
        EndpointSlice slice = new EndpointSliceBuilder()
                .withNewMetadata().withName(key.name() + "-seed").withNamespace(key.namespace())
                .addToLabels("kubernetes.io/service-name", key.name())
                .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io").endMetadata()
                .withAddressType("IPv4")
                .withPorts(ports.stream().map(p -> new EndpointPortBuilder().withName(p.name())
                        .withPort(p.port()).withProtocol(p.protocol().name()).build()).toList())
                .withEndpoints(readiness.entrySet().stream().map(e -> new EndpointBuilder().withAddresses(e.getKey())
                        .withNewConditions().withReady(e.getValue()).endConditions().withZone(cluster.zone()).build())
                        .toList())
                .build();
        // one write either way, as the controller makes: an update when the slice exists (its reads are free)
        var slices = client.discovery().v1().endpointSlices().inNamespace(key.namespace());
        if (slices.withName(slice.getMetadata().getName()).get() == null) {
            slices.resource(slice).create();
        } else {
            slices.resource(slice).update();
        }
    }

    /**
     * The ServiceExport {@code key}, with {@code annotations} (fedgate.io/weight, ...), written as
     * {@value McsView#API_VERSION}, the storage version of the chart's CRDs.
     */
    public void export(ServiceKey key, Map<String, String> annotations) {
        namespace(key.namespace());
        GenericKubernetesResource export = new GenericKubernetesResource();
        export.setApiVersion(McsView.API_VERSION);
        export.setKind("ServiceExport");
        export.setMetadata(new ObjectMetaBuilder().withName(key.name()).withNamespace(key.namespace())
                .withAnnotations(annotations).build());
        client.genericKubernetesResources(McsView.SERVICE_EXPORTS).inNamespace(key.namespace()).resource(export)
                .create();
    }

    /** Deletes the ServiceExport {@code key}. */
    public void unexport(ServiceKey key) {
        client.genericKubernetesResources(McsView.SERVICE_EXPORTS).inNamespace(key.namespace()).withName(key.name())
                .delete();
    }

    /** Creates namespace {@code name} unless it exists. */
    public void namespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                    .withNewStatus().withPhase("Active").endStatus().build()).create();
        }
    }

    private void mcsCrds() {
        for (String file : List.of("multicluster.x-k8s.io_serviceexports.yaml",
                "multicluster.x-k8s.io_serviceimports.yaml")) {
            try (InputStream in = ClusterSeed.class.getResourceAsStream(CRD_DIR + file)) {
                if (in == null) {
                    throw new IllegalStateException("the MCS CRD " + CRD_DIR + file + " is not on the class path "
                            + "(built from charts/fedgate-agent/crds)");
                }
                CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in,
                        CustomResourceDefinition.class);
                client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void node() {
        List<String> podCidrs = cluster.podCidrs().stream().map(Cidr::toString).toList();
        Map<String, String> labels = new LinkedHashMap<>();
        if (cluster.region() != null) {
            labels.put("topology.kubernetes.io/region", cluster.region());
        }
        if (cluster.zone() != null) {
            labels.put("topology.kubernetes.io/zone", cluster.zone());
        }
        labels.put("fedgate.io/gateway", "true");
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(cluster.id() + "-node-1")
                .withLabels(labels).endMetadata()
                .withNewSpec().withPodCIDR(podCidrs.isEmpty() ? null : podCidrs.get(0)).withPodCIDRs(podCidrs).endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
                .endStatus().build()).create();
    }

    private void kubeOvn() {
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("subnets.kubeovn.io").endMetadata()
                .withNewSpec().withGroup("kubeovn.io").withScope("Cluster")
                .withNewNames().withKind("Subnet").withPlural("subnets").withSingular("subnet").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build()).create();
        subnet("ovn-default", cluster.podCidrs(), true, null);
        if (!cluster.joinCidrs().isEmpty()) {
            subnet("join", cluster.joinCidrs(), false, null);
        }
        for (KubeOvnSubnet s : cluster.subnets()) {
            subnet(s.name(), s.cidrs(), false, s.underlay() ? s.vlan() : null);
        }
        if (cluster.availabilityZone() != null) {
            client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("ovn-ic-config").withNamespace("kube-system").endMetadata()
                    .withData(Map.of("enable-ic", "true", "az-name", cluster.availabilityZone(),
                            "gw-nodes", String.join(",", cluster.gatewayNodes()), "ic-db-host", "127.0.0.1",
                            "ic-nb-port", "6645", "ic-sb-port", "6646", "auto-route", "true"))
                    .build()).create();
        }
    }

    private void subnet(String name, List<Cidr> cidrs, boolean isDefault, Object vlan) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cidrBlock", cidrs.stream().map(Cidr::toString).collect(Collectors.joining(",")));
        spec.put("default", isDefault);
        if (vlan != null) {
            spec.put("vlan", vlan);
        }
        GenericKubernetesResource subnet = new GenericKubernetesResource();
        subnet.setApiVersion("kubeovn.io/v1");
        subnet.setKind("Subnet");
        subnet.setMetadata(new ObjectMetaBuilder().withName(name).build());
        subnet.setAdditionalProperty("spec", spec);
        client.genericKubernetesResources(SUBNETS).resource(subnet).create();
    }

    private void gatewayService(List<String> gatewayAddresses) {
        client.services().inNamespace(SYSTEM_NAMESPACE).resource(new ServiceBuilder()
                .withNewMetadata().withName(GATEWAY_SERVICE).withNamespace(SYSTEM_NAMESPACE).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP("None")
                .withPorts(new ServicePortBuilder().withName("tunnel").withPort(TUNNEL_PORT).withProtocol("TCP").build())
                .endSpec().build()).create();
        client.discovery().v1().endpointSlices().inNamespace(SYSTEM_NAMESPACE).resource(new EndpointSliceBuilder()
                .withNewMetadata().withName(GATEWAY_SERVICE + "-demo").withNamespace(SYSTEM_NAMESPACE)
                .addToLabels("kubernetes.io/service-name", GATEWAY_SERVICE).endMetadata()
                .withAddressType("IPv4")
                .withPorts(new EndpointPortBuilder().withName("tunnel").withPort(TUNNEL_PORT).withProtocol("TCP").build())
                .withEndpoints(java.util.stream.IntStream.range(0, gatewayAddresses.size()).mapToObj(i ->
                        new EndpointBuilder().withAddresses(gatewayAddresses.get(i))
                                .withNewTargetRef().withKind("Pod").withName(cluster.id() + "-gw-" + (i + 1))
                                .withNamespace(SYSTEM_NAMESPACE).endTargetRef()
                                .withNewConditions().withReady(true).endConditions().build()).toList())
                .build()).create();
    }

    /** A service as it is seeded in one exporting cluster. */
    public record SeededService(ServiceKey key, ImportType type, List<ServicePort> ports, TrafficPolicy policy,
                                String clusterIp) {
    }
}
