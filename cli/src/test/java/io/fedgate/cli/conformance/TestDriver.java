package io.fedgate.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fedgate.api.net.Cidr;
import io.fedgate.cli.local.LocalCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One conformance case's view of the clusters, after the upstream {@code testDriver}: a fresh namespace
 * {@code mcs-conformance-<random>} created on every cluster, the {@code hello} Service deployed and exported, and
 * the upstream waits with their timeouts: {@code await*} polls every 100 ms for up to 20 s, {@code ensure*} holds
 * for 5 s.
 *
 * <p>Without pods or controllers behind the mock API servers, {@link #deployHelloService} also plays their part: the
 * Service is stored as kube-apiserver would store it (the simulated API server allocates its IPs and defaults it),
 * and the EndpointSlices Kubernetes' EndpointSlice controller would keep for the one ready {@code hello} pod (upstream's Deployment has
 * one replica) are created, one per IP family of the Service, with the pod's address from the cluster's pod CIDR
 * of that family.
 */
final class TestDriver {
    /** {@code Eventually(...).Within(20 * time.Second)}. */
    static final Duration AWAIT = Duration.ofSeconds(20);
    /** {@code WithPolling(100 * time.Millisecond)}. */
    static final Duration POLL = Duration.ofMillis(100);
    /** {@code Consistently(..., 5*time.Second, ...)}. */
    static final Duration ENSURE = Duration.ofSeconds(5);
    /** Creation timestamps have one-second resolution: the second export must be clearly newer. */
    static final Duration OLDEST_EXPORT_MARGIN = Duration.ofMillis(1100);

    private final ConformanceFederation federation;
    private final String namespace;
    private Service helloService;

    /** Creates the case's namespace on every cluster. */
    TestDriver(ConformanceFederation federation) {
        this.federation = federation;
        this.namespace = "mcs-conformance-" + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt());
        clusters().forEach(c -> c.seed().namespace(namespace));
    }

    /** The case's namespace. */
    String namespace() {
        return namespace;
    }

    /** The clusters, {@code clients[0]} first. */
    List<LocalCluster> clusters() {
        return federation.clusters();
    }

    /** {@code clients[0]}, where the service is deployed and exported. */
    LocalCluster first() {
        return clusters().get(0);
    }

    /** {@code clients[1]}. */
    LocalCluster second() {
        return clusters().get(1);
    }

    /** The {@code hello} Service as deployed on {@code clients[0]}, or null before. */
    Service helloService() {
        return helloService;
    }

    // --- upstream JustBeforeEach

    /** The default {@code JustBeforeEach}: {@code service} deployed on {@code clients[0]} and exported with {@code export}. */
    void deployAndExport(Service service, GenericKubernetesResource export) {
        deployHelloService(first(), service);
        createServiceExport(first(), export);
    }

    /**
     * {@code newTwoClusterTestDriver}'s {@code JustBeforeEach}: {@code service} deployed and exported with
     * {@code export} on {@code clients[0]}; once its ServiceImport exists there and
     * {@link #OLDEST_EXPORT_MARGIN} has passed, {@code service2} deployed and exported with {@code export2} on
     * {@code clients[1]}, so that the first export is the older one.
     */
    void deployAndExportOnTwoClusters(Service service, GenericKubernetesResource export, Service service2,
                                      GenericKubernetesResource export2) throws InterruptedException {
        deployAndExport(service, export);
        awaitServiceImport(first(), null);
        Thread.sleep(OLDEST_EXPORT_MARGIN.toMillis());
        deployHelloService(second(), service2);
        createServiceExport(second(), export2);
    }

    // --- objects

    /**
     * {@code deployHelloService}: creates {@code service} in the case's namespace of {@code cluster}, stored as
     * kube-apiserver would, and the EndpointSlices of its one ready pod; returns the stored Service.
     */
    Service deployHelloService(LocalCluster cluster, Service service) {
        service.getMetadata().setNamespace(namespace);
        Service deployed = cluster.client().services().inNamespace(namespace)
                .resource(service).create();
        if (!"ExternalName".equals(deployed.getSpec().getType())) {
            endpointSlices(cluster, deployed).forEach(slice -> cluster.client().discovery().v1().endpointSlices()
                    .inNamespace(namespace).resource(slice).create());
        }
        if (cluster == first()) {
            helloService = deployed;
        }
        return deployed;
    }

    /**
     * What the EndpointSlice controller keeps for {@code service} backed by one ready pod: one slice per IP family
     * of the Service, labelled with the Service's labels, {@code kubernetes.io/service-name} and the controller's
     * {@code managed-by}, owned by the Service, with the pod's address, node, zone and the Service's ports.
     */
    private List<EndpointSlice> endpointSlices(LocalCluster cluster, Service service) {
        long pod = federation.nextPodHost();
        String podName = HelloFixtures.HELLO + "-" + Long.toHexString(pod);
        List<EndpointSlice> slices = new ArrayList<>();
        for (String family : service.getSpec().getIpFamilies()) {
            Cidr podCidr = cluster.topology().podCidrs().stream().filter(c -> c.isIpv6() == "IPv6".equals(family))
                    .findFirst().orElseThrow(() -> new IllegalStateException("cluster " + cluster.id()
                            + " has no " + family + " pod CIDR for a Service of IP families "
                            + service.getSpec().getIpFamilies()));
            Map<String, String> labels = new HashMap<>();
            if (service.getMetadata().getLabels() != null) {
                labels.putAll(service.getMetadata().getLabels());
            }
            labels.put(McsApi.LABEL_K8S_SERVICE_NAME, service.getMetadata().getName());
            labels.put(McsApi.LABEL_MANAGED_BY, McsApi.K8S_ENDPOINT_SLICE_MANAGED_BY);
            slices.add(new EndpointSliceBuilder()
                    .withNewMetadata().withName(service.getMetadata().getName() + "-" + family.toLowerCase(Locale.ROOT))
                    .withNamespace(namespace).withLabels(labels)
                    .addNewOwnerReference().withApiVersion("v1").withKind("Service")
                    .withName(service.getMetadata().getName()).withUid(service.getMetadata().getUid())
                    .withController(true).withBlockOwnerDeletion(true).endOwnerReference()
                    .endMetadata()
                    .withAddressType(family)
                    .withPorts(service.getSpec().getPorts().stream().map(p -> new EndpointPortBuilder()
                            .withName(p.getName()).withPort(p.getPort()).withProtocol(p.getProtocol()).build()).toList())
                    .withEndpoints(new EndpointBuilder().withAddresses(podCidr.host(pod).addressText())
                            .withNewConditions().withReady(true).withServing(true).withTerminating(false)
                            .endConditions()
                            .withNodeName(cluster.id() + "-node-1").withZone(cluster.topology().zone())
                            .withNewTargetRef().withKind("Pod").withNamespace(namespace).withName(podName)
                            .endTargetRef().build())
                    .build());
        }
        return slices;
    }

    /** {@code createServiceExport}. */
    void createServiceExport(LocalCluster cluster, GenericKubernetesResource export) {
        export.getMetadata().setNamespace(namespace);
        exports(cluster).resource(export).create();
    }

    /** {@code deleteServiceExport}. */
    void deleteServiceExport(LocalCluster cluster) {
        assertThat(exports(cluster).withName(HelloFixtures.HELLO).delete())
                .as("deleting ServiceExport %s/hello on cluster %s", namespace, cluster.id()).isNotEmpty();
    }

    /** {@code getServiceImport}: the ServiceImport {@code hello}, or null. */
    GenericKubernetesResource getServiceImport(LocalCluster cluster) {
        return imports(cluster).withName(HelloFixtures.HELLO).get();
    }

    /** The ServiceExport {@code hello}, or null. */
    GenericKubernetesResource getServiceExport(LocalCluster cluster) {
        return exports(cluster).withName(HelloFixtures.HELLO).get();
    }

    /** Upstream's {@code AfterEach} deletes the namespace; without a namespace controller, what was in it goes too. */
    void deleteNamespace() {
        for (LocalCluster cluster : clusters()) {
            exports(cluster).delete();
            imports(cluster).delete();
            cluster.client().discovery().v1().endpointSlices().inNamespace(namespace).delete();
            cluster.client().services().inNamespace(namespace).delete();
            cluster.client().namespaces().withName(namespace).delete();
        }
    }

    // --- awaits and ensures

    /**
     * {@code awaitServiceImport}: waits until the ServiceImport {@code hello} exists on {@code cluster} and
     * {@code verify} (null for none) passes on it; returns it.
     */
    GenericKubernetesResource awaitServiceImport(LocalCluster cluster, Consumer<GenericKubernetesResource> verify) {
        GenericKubernetesResource[] last = new GenericKubernetesResource[1];
        eventually("ServiceImport " + namespace + "/hello on cluster " + cluster.id(), () -> {
            GenericKubernetesResource serviceImport = getServiceImport(cluster);
            assertThat(serviceImport).as("ServiceImport was not found on cluster %s", cluster.id()).isNotNull();
            last[0] = serviceImport;
            if (verify != null) {
                verify.accept(serviceImport);
            }
        });
        return last[0];
    }

    /** {@code awaitServiceImportIPFamilies}: the ServiceImport's {@code spec.ipFamilies}, once there are some. */
    List<String> awaitServiceImportIpFamilies(LocalCluster cluster) {
        return strings(spec(awaitServiceImport(cluster, serviceImport -> assertThat(strings(spec(serviceImport)
                .get("ipFamilies"))).as("ServiceImport on cluster %s does not contain an IP family", cluster.id())
                .isNotEmpty())).get("ipFamilies"));
    }

    /** {@code awaitNoServiceImport}. */
    void awaitNoServiceImport(LocalCluster cluster, String nonConformance) {
        eventually(nonConformance, () -> assertThat(getServiceImport(cluster)).as(nonConformance).isNull());
    }

    /** {@code ensureServiceImport}. */
    void ensureServiceImport(LocalCluster cluster, String nonConformance) {
        consistently(ENSURE, POLL, () -> assertThat(getServiceImport(cluster)).as(nonConformance).isNotNull());
    }

    /** {@code ensureNoServiceImport}. */
    void ensureNoServiceImport(LocalCluster cluster, String nonConformance) {
        consistently(ENSURE, POLL, () -> assertThat(getServiceImport(cluster)).as(nonConformance).isNull());
    }

    /** {@code awaitServiceExportCondition}: only the condition's type and status count, never its reason. */
    void awaitServiceExportCondition(LocalCluster cluster, String type, String status) {
        String nonConformance = "The " + type + " condition was not set to " + status + " on cluster " + cluster.id();
        eventually(nonConformance, () -> {
            GenericKubernetesResource export = getServiceExport(cluster);
            assertThat(export).as("ServiceExport %s/hello on cluster %s", namespace, cluster.id()).isNotNull();
            assertThat(conditionStatus(export, type)).as("%s; conditions: %s", nonConformance, conditions(export))
                    .isEqualTo(status);
        });
    }

    /**
     * {@code awaitMCSEndpointSlice}: an EndpointSlice of the case's namespace with both MCS labels, of
     * {@code addressType} and with endpoints.
     */
    EndpointSlice awaitMcsEndpointSlice(LocalCluster cluster, String addressType, String nonConformance) {
        EndpointSlice[] found = new EndpointSlice[1];
        eventually(nonConformance, () -> {
            found[0] = cluster.client().discovery().v1().endpointSlices().inNamespace(namespace).list().getItems()
                    .stream().filter(s -> s.getMetadata().getLabels() != null
                            && s.getMetadata().getLabels().containsKey(McsApi.LABEL_SERVICE_NAME)
                            && s.getMetadata().getLabels().containsKey(McsApi.LABEL_SOURCE_CLUSTER)
                            && addressType.equals(s.getAddressType())
                            && s.getEndpoints() != null && !s.getEndpoints().isEmpty())
                    .reduce((a, b) -> b).orElse(null);
            assertThat(found[0]).as(nonConformance).isNotNull();
        });
        return found[0];
    }

    /** Gomega's {@code Eventually(...).Within(20s).WithPolling(100ms).Should(Succeed())}. */
    static void eventually(String description, Runnable assertion) {
        await(description).atMost(AWAIT).pollDelay(Duration.ZERO).pollInterval(POLL).untilAsserted(assertion::run);
    }

    /** Gomega's {@code Consistently}: {@code assertion} passes at every probe for {@code period}. */
    static void consistently(Duration period, Duration probe, Runnable assertion) {
        long end = System.nanoTime() + period.toNanos();
        while (true) {
            assertion.run();
            if (System.nanoTime() >= end) {
                return;
            }
            try {
                Thread.sleep(probe.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while ensuring a condition holds", e);
            }
        }
    }

    // --- reading MCS objects

    /** The object's {@code spec}, empty when it has none. */
    static Map<String, Object> spec(GenericKubernetesResource object) {
        return map(object.getAdditionalProperties().get("spec"));
    }

    /** The status of condition {@code type} on a ServiceExport ({@code meta.FindStatusCondition}), or null. */
    static String conditionStatus(GenericKubernetesResource export, String type) {
        return conditions(export).stream().filter(c -> type.equals(c.get("type")))
                .map(c -> Objects.toString(c.get("status"), null)).findFirst().orElse(null);
    }

    private static List<Map<String, Object>> conditions(GenericKubernetesResource export) {
        Object conditions = map(export.getAdditionalProperties().get("status")).get("conditions");
        return conditions instanceof List<?> list ? list.stream().map(TestDriver::map).toList() : List.of();
    }

    /**
     * {@code toMCSPorts}: the ports as {@code v1beta1.ServicePort} (name, protocol, port, appProtocol), sorted by
     * lower-cased name ({@code sortMCSPorts}).
     */
    static List<McsPort> toMcsPorts(List<ServicePort> ports) {
        return sorted(ports.stream().map(p -> new McsPort(p.getName(), p.getProtocol(), p.getPort(),
                p.getAppProtocol())).toList());
    }

    /** {@code sortMCSPorts(serviceImport.Spec.Ports)}. */
    static List<McsPort> importPorts(GenericKubernetesResource serviceImport) {
        Object ports = spec(serviceImport).get("ports");
        if (!(ports instanceof List<?> list)) {
            return List.of();
        }
        return sorted(list.stream().map(TestDriver::map).map(p -> new McsPort((String) p.get("name"),
                (String) p.get("protocol"), p.get("port") instanceof Number n ? n.intValue() : null,
                (String) p.get("appProtocol"))).toList());
    }

    private static List<McsPort> sorted(List<McsPort> ports) {
        return ports.stream().sorted(Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT))).toList();
    }

    /** A list of strings of a spec field; empty when absent. */
    static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> exports(LocalCluster cluster) {
        return mcs(cluster, McsApi.SERVICE_EXPORT);
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> imports(LocalCluster cluster) {
        return mcs(cluster, McsApi.SERVICE_IMPORT);
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> mcs(LocalCluster cluster, String kind) {
        return cluster.client().genericKubernetesResources(McsApi.API_VERSION, kind).inNamespace(namespace);
    }

    /**
     * {@code v1beta1.ServicePort} as the upstream suite compares it: an absent name or protocol is Go's empty
     * string.
     */
    record McsPort(String name, String protocol, Integer port, String appProtocol) {
        McsPort {
            name = name == null ? "" : name;
            protocol = protocol == null ? "" : protocol;
        }
    }
}
