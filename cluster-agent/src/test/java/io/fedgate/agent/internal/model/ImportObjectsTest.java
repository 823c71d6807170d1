package io.fedgate.agent.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.GatewayListenerPorts.RemoteEndpoint;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.ServiceProperties;
import io.fedgate.api.model.SessionAffinity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ImportObjectsTest {
    private static final ServiceKey WEB = new ServiceKey("bank", "web");
    /** Where the gateways listen for web's port 443 (what {@code GatewayListenerPorts.assign} gives them). */
    private static final Map<GatewayListenerPorts.Listener, Integer> LISTENERS =
            Map.of(new GatewayListenerPorts.Listener(WEB, 443), 20443);
    private static final OwnerRef OWNER = new OwnerRef("web", "uid-1");
    private static final List<GatewayReplica> GATEWAYS = List.of(
            new GatewayReplica("gw-0", "10.9.0.1", true, "n1", 15443),
            new GatewayReplica("gw-1", "10.9.0.2", false, "n2", 15443));
    private static final java.time.Instant NOW = java.time.Instant.parse("2026-01-02T03:04:05.678Z");
    private final ImportObjects objects = new ImportObjects();
    private final List<String> problems = new ArrayList<>();

    @Test
    void importsLandOnlyWhereTheirNamespaceExists() {
        ServiceImport elsewhere = serviceImport(new ServiceKey("cards", "issuer"), ImportType.CLUSTER_SET_IP);
        ClusterPlan plan = new ClusterPlan("west", 3, List.of(elsewhere, serviceImport(WEB, ImportType.CLUSTER_SET_IP)),
                null, null, null);

        assertThat(objects.landing(plan, Set.of("bank"))).extracting(ServiceImport::service).containsExactly(WEB);
    }

    @Test
    void clusterSetIpImportTakesTheDerivedServicesIpAndHasADerivedService() {
        ServiceImport web = serviceImport(WEB, ImportType.CLUSTER_SET_IP,
                routed("east", new Endpoint("10.16.0.5", true, null, null, null)));

        ServiceImportState withoutIp = objects.serviceImport(web, List.of(), List.of());
        ServiceImportState withIp = objects.serviceImport(web, List.of("10.97.0.7"), List.of("IPv4"));
        DerivedServiceState derived = objects.derivedService(web, OWNER);

        assertThat(withoutIp.ips()).isEmpty();
        assertThat(withIp.ips()).containsExactly("10.97.0.7");
        assertThat(withIp.labels()).containsExactly(Map.entry(McsNames.MANAGED_BY, McsNames.FEDGATE));
        assertThat(derived.key()).isEqualTo(new ObjectKey("bank", "fedgate-web"));
        assertThat(derived.owner()).isEqualTo(OWNER);
        assertThat(derived.ports()).containsExactly(ServicePort.tcp("https", 443));
        assertThat(derived.labels()).containsEntry(McsNames.MCS_SERVICE_NAME, "web");
        assertThat(objects.status(web, withIp, null, NOW).clusters()).containsExactly("east");
        assertThat(objects.status(web, withIp, null, NOW).condition("Ready"))
                .isEqualTo(new ConditionState("Ready", "True", "Ready", "imported from 1 cluster(s)", null,
                        "2026-01-02T03:04:05Z"));
        assertThat(objects.status(web, withoutIp, null, NOW).condition("Ready").status()).isEqualTo("False");
    }

    @Test
    void headlessImportHasNoIpAndNoDerivedService() {
        ServiceImport db = serviceImport(WEB, ImportType.HEADLESS);

        assertThat(objects.serviceImport(db, List.of("10.97.0.7"), List.of("IPv4")).ips()).isEmpty();
        assertThat(objects.derivedService(db, OWNER)).isNull();
    }

    @Test
    void routedEndpointsAreTheRemotePodsOnTheirTargetPortsWithMcsLabelsAndOwner() {
        ServiceImport web = serviceImport(WEB, ImportType.CLUSTER_SET_IP,
                routed("east", new Endpoint("10.16.0.6", false, "n", "z", Map.of("https", 8443)),
                        new Endpoint("10.16.0.5", true, null, null, Map.of("https", 8443))));

        List<EndpointSliceState> slices = objects.endpointSlices(web, OWNER, GATEWAYS, LISTENERS, Map.of(), problems);

        assertThat(slices).singleElement().satisfies(slice -> {
            assertThat(slice.key()).isEqualTo(new ObjectKey("bank", "web-east-ipv4"));
            assertThat(slice.owner()).isEqualTo(OWNER);
            assertThat(slice.addressType()).isEqualTo("IPv4");
            assertThat(slice.labels()).containsEntry(McsNames.MCS_SERVICE_NAME, "web")
                    .containsEntry(McsNames.MCS_SOURCE_CLUSTER, "east")
                    .containsEntry(McsNames.SLICE_MANAGED_BY, "fedgate")
                    .containsEntry(McsNames.MANAGED_BY, "fedgate")
                    .containsEntry(McsNames.SLICE_SERVICE_NAME, "fedgate-web");
            assertThat(slice.ports()).containsExactly(new SlicePort("https", 8443, Protocol.TCP, null));
            assertThat(slice.endpoints()).containsExactly(SliceEndpoint.imported("10.16.0.5", true),
                    SliceEndpoint.imported("10.16.0.6", false));
        });
    }

    @Test
    void gatewayPathEndpointsAreTheLocalReplicasOnTheGatewaysListenerPorts() {
        ServiceImport web = serviceImport(WEB, ImportType.CLUSTER_SET_IP,
                new ClusterEndpoints("north", null, null, DataPath.GATEWAY, 100, 0, ClusterHealth.HEALTHY,
                        List.of(new Endpoint("192.168.0.9", true, null, null, Map.of("https", 8443)))));

        List<EndpointSliceState> slices = objects.endpointSlices(web, OWNER, GATEWAYS, LISTENERS, Map.of(), problems);

        assertThat(slices).singleElement().satisfies(slice -> {
            assertThat(slice.labels()).containsEntry(McsNames.MCS_SOURCE_CLUSTER, "north");
            assertThat(slice.ports()).containsExactly(new SlicePort("https", 20443, Protocol.TCP, null));
            assertThat(slice.endpoints()).containsExactly(SliceEndpoint.imported("10.9.0.1", true),
                    SliceEndpoint.imported("10.9.0.2", false));
        });
    }

    @Test
    void gatewaysToAnUnhealthyClusterAreNotReady() {
        ServiceImport web = serviceImport(WEB, ImportType.CLUSTER_SET_IP,
                new ClusterEndpoints("north", null, null, DataPath.GATEWAY, 100, 0, ClusterHealth.LEASE_EXPIRED, null));

        assertThat(objects.endpointSlices(web, OWNER, GATEWAYS, LISTENERS, Map.of(), problems).get(0).endpoints())
                .extracting(SliceEndpoint::ready).containsOnly(false);
    }

    @Test
    void clusterWithoutEndpointsKeepsOneEmptySlice() {
        ServiceImport web = serviceImport(WEB, ImportType.CLUSTER_SET_IP,
                new ClusterEndpoints("east", null, null, DataPath.ROUTED, 100, 0, ClusterHealth.LEASE_EXPIRED, null));

        assertThat(objects.endpointSlices(web, OWNER, GATEWAYS, LISTENERS, Map.of(), problems)).singleElement().satisfies(slice -> {
            assertThat(slice.key().name()).isEqualTo("web-east-ipv4");
            assertThat(slice.endpoints()).isEmpty();
        });
    }

    @Test
    void familiesAndTargetPortsSplitSlicesAndNonIpAddressesAreLeftOut() {
        ServiceImport web = serviceImport(WEB, ImportType.CLUSTER_SET_IP, routed("east",
                new Endpoint("10.16.0.5", true, null, null, null),
                new Endpoint("10.16.0.6", true, null, null, Map.of("https", 8443)),
                new Endpoint("fd00::5", true, null, null, null),
                new Endpoint("pod.example.com", true, null, null, null)));

        List<EndpointSliceState> slices = objects.endpointSlices(web, OWNER, GATEWAYS, LISTENERS, Map.of(), problems);

        assertThat(slices).extracting(s -> s.key().name())
                .containsExactly("web-east-ipv4", "web-east-ipv4-1", "web-east-ipv6");
        assertThat(slices.get(0).ports()).containsExactly(new SlicePort("https", 443, Protocol.TCP, null));
        assertThat(slices.get(1).ports()).containsExactly(new SlicePort("https", 8443, Protocol.TCP, null));
        assertThat(slices.get(2).addressType()).isEqualTo("IPv6");
        assertThat(problems).singleElement().asString().contains("pod.example.com").contains("bank/web");
    }

    @Test
    void moreEndpointsThanASliceHoldsAreChunked() {
        Endpoint[] endpoints = IntStream.range(0, McsNames.MAX_ENDPOINTS_PER_SLICE + 1)
                .mapToObj(i -> new Endpoint("10.16." + (i / 250) + "." + (i % 250 + 1), true, null, null, null))
                .toArray(Endpoint[]::new);
        ServiceImport web = serviceImport(WEB, ImportType.CLUSTER_SET_IP, routed("east", endpoints));

        List<EndpointSliceState> slices = objects.endpointSlices(web, OWNER, GATEWAYS, LISTENERS, Map.of(), problems);

        assertThat(slices).extracting(s -> s.endpoints().size())
                .containsExactly(McsNames.MAX_ENDPOINTS_PER_SLICE, 1);
    }

    @Test
    void equalInputGivesEqualObjectsWhateverTheEndpointOrder() {
        Endpoint a = new Endpoint("10.16.0.5", true, null, null, null);
        Endpoint b = new Endpoint("10.16.0.6", true, null, null, null);

        assertThat(objects.endpointSlices(serviceImport(WEB, ImportType.CLUSTER_SET_IP, routed("east", a, b)), OWNER,
                GATEWAYS, LISTENERS, Map.of(), problems)).isEqualTo(objects.endpointSlices(serviceImport(WEB,
                ImportType.CLUSTER_SET_IP, routed("east", b, a)), OWNER, GATEWAYS, LISTENERS, Map.of(), problems));
    }

    private static final ServiceProperties HELLO = new ServiceProperties(10, "Cluster", "PreferClose",
            List.of("IPv4", "IPv6"), Map.of("dummy-label", "true"), Map.of("dummy-annotation", "true"));

    private static ServiceImport withProperties(ImportType type, ServiceProperties properties) {
        return new ServiceImport(WEB, type, SessionAffinity.CLIENT_IP, List.of(ServicePort.tcp("https", 443)), null,
                List.of(routed("east", new Endpoint("10.16.0.5", true, null, null, null))), properties);
    }

    @Test
    void serviceImportCarriesTheExportersMcsPropertiesAndOneIpPerFamily() {
        ServiceImportState state = objects.serviceImport(withProperties(ImportType.CLUSTER_SET_IP, HELLO),
                List.of("10.97.0.7", "fd00:97::7"), List.of("IPv4", "IPv6"));

        assertThat(state.ips()).containsExactly("10.97.0.7", "fd00:97::7");
        assertThat(state.ipFamilies()).containsExactly("IPv4", "IPv6");
        assertThat(state.sessionAffinity()).isEqualTo(SessionAffinity.CLIENT_IP);
        assertThat(state.sessionAffinityTimeoutSeconds()).isEqualTo(10);
        assertThat(state.internalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(state.trafficDistribution()).isEqualTo("PreferClose");
    }

    @Test
    void singleStackClusterGivesOneIpAndItsFamilyEvenForADualStackExporter() {
        ServiceImportState state = objects.serviceImport(withProperties(ImportType.CLUSTER_SET_IP, HELLO),
                List.of("10.97.0.7"), List.of("IPv4"));

        assertThat(state.ips()).containsExactly("10.97.0.7");
        assertThat(state.ipFamilies()).as("the allocated families, so that ips[i] is of ipFamilies[i]")
                .containsExactly("IPv4");
    }

    @Test
    void exportedLabelsAndAnnotationsGoToTheServiceImportWithTheListOfTheirKeys() {
        ServiceImportState state = objects.serviceImport(withProperties(ImportType.CLUSTER_SET_IP, HELLO),
                List.of(), List.of());

        assertThat(state.labels()).containsOnly(Map.entry("dummy-label", "true"),
                Map.entry(McsNames.MANAGED_BY, McsNames.FEDGATE));
        assertThat(state.annotations()).containsOnly(Map.entry("dummy-annotation", "true"),
                Map.entry(McsNames.EXPORTED_LABEL_KEYS, "dummy-label"),
                Map.entry(McsNames.EXPORTED_ANNOTATION_KEYS, "dummy-annotation"));
    }

    @Test
    void anExportedLabelCannotTakeOverFedgatesManagedByLabel() {
        ServiceImportState state = objects.serviceImport(withProperties(ImportType.CLUSTER_SET_IP,
                HELLO.withMetadata(Map.of(McsNames.MANAGED_BY, "someone-else"), Map.of())), List.of(), List.of());

        assertThat(state.labels()).containsEntry(McsNames.MANAGED_BY, McsNames.FEDGATE);
    }

    @Test
    void headlessImportKeepsTheExportersFamiliesAndNoIps() {
        ServiceImportState state = objects.serviceImport(withProperties(ImportType.HEADLESS, HELLO),
                List.of("10.97.0.7"), List.of("IPv4"));

        assertThat(state.ips()).isEmpty();
        assertThat(state.ipFamilies()).containsExactly("IPv4", "IPv6");
        assertThat(objects.status(withProperties(ImportType.HEADLESS, HELLO), state, null, NOW).condition("Ready")
                .status()).as("a headless import needs no IP to be ready").isEqualTo("True");
    }

    @Test
    void derivedServiceOfADualStackImportPrefersDualStackAndKeepsTheAffinityTimeout() {
        DerivedServiceState derived = objects.derivedService(withProperties(ImportType.CLUSTER_SET_IP, HELLO), OWNER);

        assertThat(derived.ipFamilyPolicy()).isEqualTo("PreferDualStack");
        assertThat(derived.sessionAffinityTimeoutSeconds()).isEqualTo(10);
        DerivedServiceState defaults = objects.derivedService(withProperties(ImportType.CLUSTER_SET_IP,
                ServiceProperties.NONE), OWNER);
        assertThat(defaults.ipFamilyPolicy()).isNull();
        assertThat(defaults.sessionAffinityTimeoutSeconds()).as("what the API server would default it to")
                .isEqualTo(ImportObjects.DEFAULT_AFFINITY_TIMEOUT_SECONDS);
    }

    @Test
    void readyKeepsItsTransitionTimeWhileItsStatusStays() {
        ServiceImport web = withProperties(ImportType.CLUSTER_SET_IP, HELLO);
        ServiceImportState withIp = objects.serviceImport(web, List.of("10.97.0.7"), List.of("IPv4"));
        ServiceImportStatusState first = objects.status(web, withIp, null, NOW);

        ServiceImportStatusState later = objects.status(web, withIp, first, NOW.plusSeconds(60));

        assertThat(later).isEqualTo(first);
    }

    @Test
    void routedEndpointsKeepTheirHostnameForPerPodNames() {
        ServiceImport db = serviceImport(WEB, ImportType.HEADLESS, routed("east",
                new Endpoint("10.16.0.5", true, null, null, null, "hello-0"),
                new Endpoint("10.16.0.6", true, null, null, null, "hello-1")));

        List<EndpointSliceState> slices = objects.endpointSlices(db, OWNER, GATEWAYS, LISTENERS, Map.of(), problems);

        assertThat(slices).singleElement().satisfies(slice -> assertThat(slice.endpoints())
                .extracting(SliceEndpoint::hostname).containsExactly("hello-0", "hello-1"));
    }

    private static final Endpoint WEB_0 = new Endpoint("10.16.0.5", true, null, null, null, "web-0");
    private static final Endpoint UNNAMED = new Endpoint("10.16.0.6", false, null, null, null, null);
    private static final RemoteEndpoint WEST_WEB_0 = new RemoteEndpoint("west", "web-0");
    private static final RemoteEndpoint WEST_UNNAMED = new RemoteEndpoint("west", "10.16.0.6");

    /** Headless web: web-0 and an unnamed, unready endpoint in gateway-path west; web-9 in routed east. */
    private static ServiceImport headlessAcrossGateways() {
        return serviceImport(WEB, ImportType.HEADLESS,
                new ClusterEndpoints("west", null, null, DataPath.GATEWAY, 100, 0, ClusterHealth.HEALTHY,
                        List.of(WEB_0, UNNAMED)),
                routed("east", new Endpoint("10.17.0.9", true, null, null, null, "web-9")));
    }

    private static ObjectKey endpointService(RemoteEndpoint endpoint) {
        return new ObjectKey("bank", McsNames.endpointServiceName("web", endpoint));
    }

    @Test
    void eachGatewayPathEndpointOfAHeadlessImportGetsADerivedServiceOwnedByTheImport() {
        List<DerivedServiceState> services = objects.endpointServices(headlessAcrossGateways(), OWNER);

        assertThat(services).extracting(DerivedServiceState::key)
                .containsExactlyInAnyOrder(endpointService(WEST_WEB_0), endpointService(WEST_UNNAMED));
        assertThat(services).allSatisfy(s -> {
            assertThat(s.owner()).isEqualTo(OWNER);
            assertThat(s.ports()).containsExactly(ServicePort.tcp("https", 443));
            assertThat(s.labels()).containsEntry(McsNames.MCS_SERVICE_NAME, "web")
                    .containsEntry(McsNames.MCS_SOURCE_CLUSTER, "west");
        });
        assertThat(objects.endpointServices(serviceImport(WEB, ImportType.CLUSTER_SET_IP,
                new ClusterEndpoints("west", null, null, DataPath.GATEWAY, 100, 0, ClusterHealth.HEALTHY,
                        List.of(WEB_0))), OWNER)).as("a ClusterSetIP import has one derived Service").isEmpty();
    }

    @Test
    void headlessGatewaySliceGivesEachHostnameItsDerivedServicesIpOnTheServicePort() {
        Map<ObjectKey, String> ips = Map.of(endpointService(WEST_WEB_0), "10.96.0.10");

        List<EndpointSliceState> slices = objects.endpointSlices(headlessAcrossGateways(), OWNER, GATEWAYS, Map.of(),
                ips, problems);

        EndpointSliceState west = slices.stream().filter(s -> s.key().name().equals("web-west-ipv4")).findFirst()
                .orElseThrow();
        assertThat(west.labels()).containsEntry(McsNames.MCS_SERVICE_NAME, "web")
                .containsEntry(McsNames.MCS_SOURCE_CLUSTER, "west");
        assertThat(west.ports()).containsExactly(new SlicePort("https", 443, Protocol.TCP, null));
        assertThat(west.endpoints()).as("the unnamed endpoint's derived Service has no IP yet: left out")
                .containsExactly(SliceEndpoint.imported("10.96.0.10", true, "web-0"));
        EndpointSliceState east = slices.stream().filter(s -> s.key().name().equals("web-east-ipv4")).findFirst()
                .orElseThrow();
        assertThat(east.endpoints()).containsExactly(SliceEndpoint.imported("10.17.0.9", true, "web-9"));
    }

    @Test
    void perEndpointDerivedServiceSliceIsTheGatewaysOnThatEndpointsListenerPortHiddenFromDns() {
        Map<GatewayListenerPorts.Listener, Integer> listeners = Map.of(
                new GatewayListenerPorts.Listener(WEB, 443, WEST_WEB_0), 21000,
                new GatewayListenerPorts.Listener(WEB, 443, WEST_UNNAMED), 21001);

        List<EndpointSliceState> slices = objects.endpointSlices(headlessAcrossGateways(), OWNER, GATEWAYS,
                listeners, Map.of(), problems);

        String web0Service = endpointService(WEST_WEB_0).name();
        EndpointSliceState web0 = slices.stream()
                .filter(s -> s.key().name().equals(McsNames.sliceName(web0Service, "west", "IPv4", 0)))
                .findFirst().orElseThrow();
        assertThat(web0.labels()).containsEntry(McsNames.SLICE_SERVICE_NAME, web0Service)
                .containsEntry(McsNames.FEDGATE_IMPORT, "web").containsEntry(McsNames.MCS_SOURCE_CLUSTER, "west")
                .doesNotContainKey(McsNames.MCS_SERVICE_NAME);
        assertThat(web0.owner()).isEqualTo(OWNER);
        assertThat(web0.ports()).containsExactly(new SlicePort("https", 21000, Protocol.TCP, null));
        assertThat(web0.endpoints()).containsExactly(SliceEndpoint.imported("10.9.0.1", true),
                SliceEndpoint.imported("10.9.0.2", false));
        EndpointSliceState unnamed = slices.stream().filter(s -> s.labels().get(McsNames.SLICE_SERVICE_NAME)
                .equals(endpointService(WEST_UNNAMED).name())).findFirst().orElseThrow();
        assertThat(unnamed.ports()).containsExactly(new SlicePort("https", 21001, Protocol.TCP, null));
        assertThat(unnamed.endpoints()).as("the endpoint is not ready, so neither is the way to it")
                .noneMatch(SliceEndpoint::ready);
    }

    private static ClusterEndpoints routed(String cluster, Endpoint... endpoints) {
        return new ClusterEndpoints(cluster, null, null, DataPath.ROUTED, 100, 0, ClusterHealth.HEALTHY,
                List.of(endpoints));
    }

    private static ServiceImport serviceImport(ServiceKey key, ImportType type, ClusterEndpoints... clusters) {
        return new ServiceImport(key, type, null, List.of(ServicePort.tcp("https", 443)), null, List.of(clusters));
    }
}
