package io.fedgate.api.codec;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportCondition;
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.InterconnectState;
import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Fully populated model values (every field set, IPv4 and IPv6) for codec tests in any module. */
public final class ModelSamples {
    public static final ServiceKey PAYMENTS = new ServiceKey("bank", "payments");
    public static final ServiceKey LEDGER = new ServiceKey("bank", "ledger");

    private ModelSamples() {
    }

    /** A dual-stack Kube-OVN overlay cluster with a subnet, gateway nodes and two gateway replicas. */
    public static ClusterNetwork eastNetwork() {
        return new ClusterNetwork("eu-east", "eu-east-1a", NetworkKind.KUBE_OVN_OVERLAY, "az-east",
                cidrs("10.16.0.0/16", "fd00:10:16::/64"), cidrs("10.96.0.0/16", "fd00:10:96::/108"),
                cidrs("100.64.0.0/16"),
                List.of(new KubeOvnSubnet("ovn-default", cidrs("10.16.0.0/16"), false, null),
                        new KubeOvnSubnet("vlan-pods", cidrs("192.168.50.0/24", "fd00:192:168:50::/64"), true, "vlan50"),
                        new KubeOvnSubnet("tenant-a", cidrs("10.20.0.0/24"), false, null, "vpc-a", false, false, null),
                        new KubeOvnSubnet("isolated", cidrs("10.21.0.0/24"), false, null, null, true, false, null),
                        new KubeOvnSubnet("payments", cidrs("10.22.0.0/24"), false, null, null, false, true,
                                cidrs("10.16.0.0/16"))),
                List.of("east-node-1", "east-node-2.example"),
                List.of(new GatewayEndpoint("east-gw-1", "127.0.0.1", 15001), new GatewayEndpoint("east-gw-2", "::1", 15002)))
                .withInterconnect(new InterconnectState(InterconnectMode.FEDGATE, true, true,
                        cidrs("10.17.0.0/16", "fd00:10:17::/64"), List.of("az-east NB: Logical_Router_Port "
                        + "\"az-east-ts\" carries no fedgate.io/owner marker (networks: 169.254.100.9/24)")));
    }

    /** {@code bank/payments} exported from east: two ports, IPv4 and IPv6 endpoints, one not ready. */
    public static ExportedService paymentsExport() {
        return new ExportedService(PAYMENTS, ImportType.CLUSTER_SET_IP, SessionAffinity.CLIENT_IP,
                List.of(new ServicePort("https", 8443, Protocol.TCP, "https"), new ServicePort("metrics", 9090, Protocol.UDP, null)),
                List.of(new Endpoint("10.16.0.10", true, "east-node-1", "eu-east-1a", Map.of("https", 18443, "9090", 19090)),
                        new Endpoint("fd00:10:16::a", false, null, null, null)),
                Instant.parse("2024-05-01T12:00:00.123Z"), 70, 1,
                new TrafficPolicy(LoadBalancing.WEIGHTED, List.of("east", "west")));
    }

    /** A headless export with defaults everywhere. */
    public static ExportedService ledgerExport() {
        return new ExportedService(LEDGER, ImportType.HEADLESS, null, List.of(ServicePort.tcp(null, 5432)),
                List.of(Endpoint.ready("10.16.0.11")), Instant.parse("2024-05-02T08:30:00Z"),
                ExportedService.DEFAULT_WEIGHT, 0, null);
    }

    public static ClusterInventory inventory() {
        return new ClusterInventory("east", 7, eastNetwork(), List.of(paymentsExport(), ledgerExport()));
    }

    public static InventoryDelta delta() {
        return new InventoryDelta("east", 7, 8, eastNetwork(), List.of(paymentsExport()), List.of(LEDGER));
    }

    /** A plan touching every record: imports over all three paths, conditions, OVN-IC layout, peers. */
    public static ClusterPlan plan() {
        ServiceImport payments = new ServiceImport(PAYMENTS, ImportType.CLUSTER_SET_IP, SessionAffinity.NONE,
                List.of(ServicePort.tcp("https", 8443)), new TrafficPolicy(LoadBalancing.PRIORITY_FAILOVER, List.of("west")),
                List.of(new ClusterEndpoints("west", "eu-west", "eu-west-1b", DataPath.ROUTED, 30, 0, ClusterHealth.HEALTHY,
                                List.of(Endpoint.ready("10.17.0.10"))),
                        new ClusterEndpoints("south", "eu-south", null, DataPath.GATEWAY, 100, 1, ClusterHealth.LEASE_EXPIRED,
                                List.of(Endpoint.ready("fd00:10:16::b"))),
                        new ClusterEndpoints("dc", null, null, DataPath.DIRECT, 100, 2, ClusterHealth.NO_READY_ENDPOINTS,
                                List.of())));
        ExportStatus status = new ExportStatus(PAYMENTS, List.of(
                new ExportCondition(ExportCondition.VALID, true, "Exported", "service is exported"),
                new ExportCondition(ExportCondition.CONFLICT, false, "NoConflict", null)));
        InterconnectPlan interconnect = new InterconnectPlan(3,
                List.of(new TransitSwitch("ts", Cidr.parse("169.254.100.0/24"), List.of(
                        new TransitSwitchMember("az-east", Cidr.parse("169.254.100.1/24"), "0a:00:a9:fe:64:01", List.of("east-node-1")),
                        new TransitSwitchMember("az-west", Cidr.parse("169.254.100.2/24"), "0a:00:a9:fe:64:02", List.of())))),
                List.of(new AvailabilityZonePlan("az-east", "east", true, true, cidrs("10.18.0.0/16", "fd00:10:18::/64"))));
        return new ClusterPlan("east", 42, List.of(payments), List.of(status), interconnect,
                List.of(new GatewayPeer("south", List.of(new GatewayEndpoint("south-gw-1", "127.0.0.2", 15003)))));
    }

    public static List<Cidr> cidrs(String... texts) {
        return java.util.Arrays.stream(texts).map(Cidr::parse).toList();
    }
}
