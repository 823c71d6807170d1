package io.fedgate.hub.it;

import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.InventoryFixture.export;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.api.codec.Problem;
import io.fedgate.api.metrics.MetricNames;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.pki.CertificateAuthority;
import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.PemFiles;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.TestPki;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hubclient.GenerationConflictException;
import io.fedgate.hubclient.HubRequestException;
import io.fedgate.hubclient.protocol.AuditChain;
import io.fedgate.hubclient.protocol.ClusterSummary;
import io.fedgate.hubclient.protocol.HubApi;
import io.fedgate.hubclient.protocol.InventoryAck;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.awaitility.Awaitility;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.hubclient.HubClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's behaviour through its API, against real members in separate processes and real mTLS on
 * loopback; subclasses choose how many members (STYLE habit 11). Members start once per class; each test
 * uses its own cluster ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractHubIT {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    protected HubMembers hub;
    protected HubClient admin;
    private final List<SimulatedAgent> agents = new ArrayList<>();

    @TempDir
    Path certs;

    /** How many hub members this suite runs. */
    abstract int members();

    @BeforeAll
    void startHub() throws Exception {
        hub = HubMembers.start(getClass().getSimpleName(), members());
        admin = hub.adminClient();
    }

    @AfterAll
    void stopHub() throws Exception {
        agents.forEach(SimulatedAgent::close);
        if (admin != null) {
            admin.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    /** A cluster id no other test uses. */
    static String newClusterId(String prefix) {
        return prefix + "-" + CLUSTERS.incrementAndGet();
    }

    /** An agent of a new cluster, joined through a token. */
    SimulatedAgent join(String clusterId) {
        SimulatedAgent agent = SimulatedAgent.join(hub.apiUrls(), admin, clusterId, certs.resolve(clusterId));
        agents.add(agent);
        return agent;
    }

    static ClusterInventory inventory(String clusterId, long generation, String... services) {
        var builder = cluster(clusterId).generation(generation).locality("eu", "eu-1").pods("10.16.0.0/16");
        for (String service : services) {
            builder.exports(export(service).tcp("http", 80).ready("10.16.0.10", "10.16.0.11"));
        }
        return builder.build();
    }

    static ServiceImport importOf(ClusterPlan plan, String service) {
        return plan.importOf(ServiceKey.parse(service));
    }

    @Test
    void joinedAgentsSeeEachOthersExportsInTheirPlans() {
        String east = newClusterId("east");
        String west = newClusterId("west");
        SimulatedAgent eastAgent = join(east);
        SimulatedAgent westAgent = join(west);
        eastAgent.put(inventory(east, 1, "shop/" + east));
        westAgent.put(inventory(west, 1, "shop/" + west));
        RecordingPlanListener eastPlans = eastAgent.watch();

        ClusterPlan plan = eastPlans.await("east imports west's service", p -> importOf(p, "shop/" + west) != null);

        assertThat(importOf(plan, "shop/" + west).clusters()).singleElement()
                .satisfies(c -> assertThat(c.clusterId()).isEqualTo(west));
        assertThat(plan.clusterId()).isEqualTo(east);
        assertThat(eastPlans.deliveries().get(0).resync()).as("a watch from 0 starts with the current plan").isTrue();
    }

    @Test
    void unchangedPlanContentGetsNoNewVersionAndWatchersSeeEveryVersionInOrder() {
        String east = newClusterId("east");
        SimulatedAgent agent = join(east);
        agent.put(inventory(east, 1, "shop/a-" + east));
        RecordingPlanListener plans = agent.watch();
        long first = plans.await("first plan", p -> importOf(p, "shop/a-" + east) != null).version();

        agent.change(same -> same);
        agent.change(inventory -> inventory(east, 0, "shop/a-" + east, "shop/b-" + east));
        ClusterPlan changed = plans.await("second service", p -> importOf(p, "shop/b-" + east) != null);

        assertThat(changed.version()).as("generation 2 repeated the content: no version for it").isEqualTo(first + 1);
        assertThat(plans.deliveries()).extracting(RecordingPlanListener.Delivery::version)
                .containsExactly(first, first + 1);
    }

    @Test
    void inventoryGenerationsAreCheckedAndNothingChangesOnConflict() {
        String east = newClusterId("east");
        SimulatedAgent agent = join(east);
        agent.put(inventory(east, 5, "shop/x"));

        assertThatThrownBy(() -> agent.client().putInventory(inventory(east, 4, "shop/y")))
                .isInstanceOfSatisfying(GenerationConflictException.class,
                        e -> assertThat(e.currentGeneration()).isEqualTo(5));
        assertThatThrownBy(() -> agent.client().patchInventory(new InventoryDelta(east, 3, 6, null, List.of(),
                List.of(ServiceKey.parse("shop/x")))))
                .isInstanceOfSatisfying(GenerationConflictException.class, e -> {
                    assertThat(e.currentGeneration()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("delta base generation 3", "held generation 5");
                });
        InventoryAck patched = agent.client().patchInventory(new InventoryDelta(east, 5, 6, null, List.of(),
                List.of(ServiceKey.parse("shop/x"))));

        assertThat(patched).isEqualTo(new InventoryAck(east, 6, true));
        assertThat(admin.clusters()).filteredOn(c -> c.clusterId().equals(east)).singleElement()
                .satisfies(c -> assertThat(c.exports()).isZero());
        assertThatThrownBy(() -> agent.client().patchInventory(new InventoryDelta(newClusterId("nobody"), 0, 1, null,
                List.of(), List.of()))).isInstanceOf(HubRequestException.class);
    }

    @Test
    void badRequestsAreRefusedWithTheirReasonAndChangeNothing() throws Exception {
        String east = newClusterId("east");
        String west = newClusterId("west");
        SimulatedAgent eastAgent = join(east);
        SimulatedAgent westAgent = join(west);
        westAgent.put(inventory(west, 3, "shop/w"));
        RawHub asEast = new RawHub(hub.apiUrls().get(0), TlsMaterial.load(certs.resolve(east)), caCertificates());
        String westInventory = hub.apiUrls().get(0).resolve(HubApi.inventory(west)).getPath();
        String eastInventory = HubApi.inventory(east);
        List<String> auditBefore = auditActions();

        RawHub.Answer malformed = asEast.send("PUT", eastInventory, "{\"clusterId\": \"x\",".getBytes(UTF_8));
        RawHub.Answer invalid = asEast.send("PUT", eastInventory, ("{\"clusterId\":\"" + east + "\",\"generation\":1,"
                + "\"network\":{\"podCIDRs\":[\"10.16.0.0/33\"]}}").getBytes(UTF_8));
        RawHub.Answer tooLarge = asEast.send("PUT", eastInventory, new byte[HubApi.DEFAULT_MAX_BODY_BYTES + 1]);
        RawHub.Answer crossCluster = asEast.send("PUT", westInventory,
                FederationCodecs.clusterInventory().encode(inventory(west, 9, "shop/evil")));
        RawHub.Answer unknownVersion = asEast.send("GET", "/v2/clusters", null);

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(asEast.error(malformed).message()).contains("not valid JSON");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(asEast.error(invalid).problems()).extracting(Problem::toString)
                .anyMatch(p -> p.startsWith("network.podCIDRs[0]: ") && p.contains("10.16.0.0/33"));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(crossCluster.status()).isEqualTo(403);
        assertThat(asEast.error(crossCluster).message()).startsWith("spiffe://test-set/cluster/" + east
                + "/agent may not write the inventory of cluster " + west);
        assertThat(unknownVersion.status()).isEqualTo(404);
        assertThat(asEast.error(unknownVersion).versions()).containsExactly("v1");
        assertThat(admin.clusters()).extracting(ClusterSummary::clusterId).doesNotContain(east);
        assertThat(admin.clusters()).filteredOn(c -> c.clusterId().equals(west)).singleElement()
                .satisfies(c -> assertThat(c.generation()).isEqualTo(3));
        assertThat(auditActionsSince(auditBefore)).contains("authz.denied").doesNotContain("inventory.put");
        eastAgent.close();
    }

    @Test
    void componentsReadOnlyTheirOwnClustersPlan() throws Exception {
        String east = newClusterId("east");
        String west = newClusterId("west");
        join(west).put(inventory(west, 1, "shop/w2"));
        String token = admin.createToken(east, Component.GATEWAY, null).token();
        HubClient bootstrap = HubClient.builder().hubs(hub.apiUrls()).trustAnchors(caCertificates()).build();
        TlsMaterial gateway = bootstrap.join(token, SpiffeId.cluster(HubMembers.CLUSTER_SET, east, Component.GATEWAY),
                certs.resolve(east + "-gw"));
        HubClient asGateway = bootstrap.withIdentity(gateway);

        assertThatThrownBy(() -> asGateway.getPlan(west))
                .isInstanceOfSatisfying(HubRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error().message()).contains(gateway.identity() + " may not read the plan of cluster "
                            + west);
                });
        assertThatThrownBy(() -> asGateway.putInventory(inventory(east, 1)))
                .isInstanceOfSatisfying(HubRequestException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> asGateway.createToken(east, Component.AGENT, null))
                .isInstanceOfSatisfying(HubRequestException.class, e -> assertThat(e.error().message())
                        .contains("may not administer"));
        asGateway.close();
    }

    @Test
    void expiredAndForeignCertificatesAreRefusedWith401() throws Exception {
        String east = newClusterId("east");
        Clock twoDaysAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        CertificateAuthority hubCa = CertificateAuthority.load(hub.member(0).dataDir.resolve("ca"), twoDaysAgo);
        TlsMaterial expired = hubCa.issue(SpiffeId.cluster(HubMembers.CLUSTER_SET, east, Component.AGENT),
                Duration.ofHours(1), List.of(), List.of());
        TlsMaterial foreign = TestPki.create().issue(east, Component.AGENT);

        RawHub.Answer withExpired = new RawHub(hub.apiUrls().get(0), expired, caCertificates())
                .send("PUT", HubApi.inventory(east), FederationCodecs.clusterInventory().encode(inventory(east, 1)));
        RawHub.Answer withForeign = new RawHub(hub.apiUrls().get(0), foreign, caCertificates())
                .send("PUT", HubApi.inventory(east), FederationCodecs.clusterInventory().encode(inventory(east, 1)));
        RawHub.Answer withNone = new RawHub(hub.apiUrls().get(0), null, caCertificates())
                .send("GET", HubApi.clusters(), null);

        assertThat(withExpired.status()).isEqualTo(401);
        assertThat(withExpired.body()).contains("EXPIRED");
        assertThat(withForeign.status()).isEqualTo(401);
        assertThat(withForeign.body()).contains("UNKNOWN_CA");
        assertThat(withNone.status()).isEqualTo(401);
        assertThat(withNone.body()).contains("NO_CERTIFICATE");
        assertThat(admin.clusters()).extracting(ClusterSummary::clusterId).doesNotContain(east);
    }

    @Test
    void joinTokensWorkOnceAndNotAfterTheyExpire() throws Exception {
        String east = newClusterId("east");
        String token = admin.createToken(east, Component.AGENT, null).token();
        String shortLived = admin.createToken(east, Component.AGENT, Duration.ofSeconds(1)).token();
        HubClient bootstrap = HubClient.builder().hubs(hub.apiUrls()).trustAnchors(caCertificates()).build();
        ClusterIdentity identity = SpiffeId.cluster(HubMembers.CLUSTER_SET, east, Component.AGENT);
        bootstrap.join(token, identity, certs.resolve(east));
        Thread.sleep(1500); // the short-lived token's one second runs out

        assertThatThrownBy(() -> bootstrap.join(token, identity, certs.resolve(east + "-again")))
                .isInstanceOfSatisfying(HubRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error().message()).contains("already used");
                });
        assertThatThrownBy(() -> bootstrap.join(shortLived, identity, certs.resolve(east + "-late")))
                .isInstanceOfSatisfying(HubRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error().message()).contains("expired at");
                });
        assertThatThrownBy(() -> bootstrap.join(JoinTokenPrefix.FAKE, identity, certs.resolve(east + "-fake")))
                .isInstanceOfSatisfying(HubRequestException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(certs.resolve(east + "-again")).doesNotExist();
        assertThat(certs.resolve(east + "-late")).doesNotExist();
    }

    @Test
    void expiredLeaseWithdrawsEndpointsUntilTheClusterReturns() {
        String east = newClusterId("east");
        String west = newClusterId("west");
        SimulatedAgent eastAgent = join(east);
        SimulatedAgent westAgent = join(west);
        eastAgent.put(inventory(east, 1));
        westAgent.put(inventory(west, 1, "shop/lease-" + west));
        RecordingPlanListener plans = eastAgent.watch();
        plans.await("west serving", p -> servingHealth(p, "shop/lease-" + west) == ClusterHealth.HEALTHY);

        westAgent.heartbeating(false);
        ClusterPlan withdrawn = plans.await("west's lease expired",
                p -> servingHealth(p, "shop/lease-" + west) == ClusterHealth.LEASE_EXPIRED);
        westAgent.heartbeating(true);
        ClusterPlan restored = plans.await("west back", p -> servingHealth(p, "shop/lease-" + west) == ClusterHealth.HEALTHY);

        assertThat(importOf(withdrawn, "shop/lease-" + west).clusters().get(0).endpoints()).isEmpty();
        assertThat(importOf(restored, "shop/lease-" + west).clusters().get(0).endpoints()).hasSize(2);
        assertThat(auditActions()).contains("lease.expired", "lease.restored");
    }

    @Test
    void removedClusterIsForgottenAndRefusedUntilItJoinsAgain() {
        String east = newClusterId("east");
        String west = newClusterId("west");
        SimulatedAgent eastAgent = join(east);
        SimulatedAgent westAgent = join(west);
        eastAgent.put(inventory(east, 1));
        westAgent.put(inventory(west, 1, "shop/gone-" + west));
        RecordingPlanListener plans = eastAgent.watch();
        plans.await("west's service imported", p -> importOf(p, "shop/gone-" + west) != null);

        admin.removeCluster(west);

        plans.await("west's service gone", p -> importOf(p, "shop/gone-" + west) == null);
        assertThatThrownBy(() -> westAgent.client().putInventory(inventory(west, 2, "shop/gone-" + west)))
                .isInstanceOfSatisfying(HubRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error().message()).contains("was removed", "join again");
                });
        SimulatedAgent rejoined = join(west);
        assertThat(rejoined.put(inventory(west, 3, "shop/gone-" + west)).changed()).isTrue();
    }

    @Test
    void rejoinedClusterIsPlannedAboveItsVersionBeforeRemovalWithoutRefusals() throws Exception {
        String west = newClusterId("west");
        join(west).put(inventory(west, 1, "shop/back-" + west));
        long before = awaitPersistedPlanVersion(west, 0);
        long refused = planVersionRefusals();

        admin.removeCluster(west);
        join(west).put(inventory(west, 2, "shop/back-" + west));

        assertThat(awaitPersistedPlanVersion(west, before)).isGreaterThan(before);
        assertThat(planVersionRefusals()).isEqualTo(refused);
    }

    /** The plan version of {@code clusterId} in member 0's state file, once above {@code above}. */
    private long awaitPersistedPlanVersion(String clusterId, long above) {
        Path file = hub.member(0).dataDir.resolve("state").resolve("plan-versions.json");
        long[] version = new long[1];
        Awaitility.await("plan version of " + clusterId + " above " + above + " in " + file)
                .atMost(Duration.ofSeconds(20)).until(() -> {
                    if (!Files.exists(file)) {
                        return false;
                    }
                    JsonNode entry = new ObjectMapper().readTree(file.toFile()).get(clusterId);
                    version[0] = entry == null ? 0 : entry.asLong();
                    return version[0] > above;
                });
        return version[0];
    }

    /** Plan version values every member refused so far. */
    private long planVersionRefusals() throws Exception {
        String series = MetricNames.HUB_STATE_INTEGRITY_FAILURES_TOTAL + "{" + MetricNames.LABEL_MAP + "=\""
                + HubState.PLAN_VERSIONS + "\"}";
        long total = 0;
        for (int member = 0; member < members(); member++) {
            total += hub.management(member, "/metrics").body().lines().filter(l -> l.startsWith(series + " "))
                    .findFirst().map(l -> (long) Double.parseDouble(l.substring(series.length() + 1)))
                    .orElseThrow(() -> new AssertionError("no " + series + " in /metrics"));
        }
        return total;
    }

    @Test
    void listingsAuditChainAndCaAreServedToTheAdmin() {
        String east = newClusterId("east");
        join(east).put(inventory(east, 1, "shop/listed-" + east));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.clusters().stream()
                .anyMatch(c -> c.clusterId().equals(east) && c.planVersion() > 0 && c.live()));

        assertThat(admin.exports()).anySatisfy(e -> {
            assertThat(e.service()).isEqualTo("shop/listed-" + east);
            assertThat(e.clusterId()).isEqualTo(east);
            assertThat(e.readyEndpoints()).isEqualTo(2);
        });
        assertThat(admin.imports()).anySatisfy(i -> assertThat(i.clusters()).containsExactly(east));
        assertThat(admin.plan(east)).hasValueSatisfying(p -> assertThat(p.clusterId()).isEqualTo(east));
        assertThat(admin.ca().clusterSet()).isEqualTo(HubMembers.CLUSTER_SET);
        AuditChain.Verifier verifier = AuditChain.verifier();
        admin.forEachAuditRecord(1, verifier::accept);
        assertThat(verifier.problem()).isNull();
        assertThat(verifier.checked()).isGreaterThan(3);
    }

    @Test
    void managementPortServesMetricsAndReadiness() throws Exception {
        String east = newClusterId("east");
        join(east).put(inventory(east, 1, "shop/m-" + east));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> hub.management(0, "/metrics").body()
                .contains(MetricNames.HUB_PLAN_VERSION + "{cluster=\"" + east + "\"}"));

        String metrics = hub.management(0, "/metrics").body();
        assertThat(metrics).contains(MetricNames.HUB_CLUSTERS + " ", MetricNames.HUB_CLUSTERS_LIVE + " ",
                MetricNames.HUB_EXPORTS + " ", MetricNames.HUB_IMPORTS + " ",
                MetricNames.HUB_MEMBERS + " " + members() + ".0", MetricNames.CERT_EXPIRY_SECONDS + "{cluster=\"hub\"}");
        assertThat(hub.management(0, "/readyz").statusCode()).isEqualTo(200);
        assertThat(hub.management(0, "/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void openApiDescriptionNamesEveryPath() throws Exception {
        RawHub asAdmin = new RawHub(hub.apiUrls().get(0), hub.adminMaterial(0), caCertificates());

        RawHub.Answer openApi = asAdmin.send("GET", HubApi.openApi(), null);

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("openapi: 3.0.3", HubApi.join() + ":", HubApi.renew() + ":",
                HubApi.clusters() + ":", "/v1/clusters/{id}:", "/v1/clusters/{id}/inventory:",
                "/v1/clusters/{id}/heartbeat:", "/v1/clusters/{id}/plan:", "/v1/plans/{id}:", HubApi.exports() + ":",
                HubApi.imports() + ":", HubApi.tokens() + ":", HubApi.audit() + ":", HubApi.ca() + ":",
                HubApi.openApi() + ":");
    }

    // ---- helpers ----

    private List<X509Certificate> caCertificates() {
        return PemFiles.parseCertificates(admin.ca().certificate(), "ca");
    }

    private List<String> auditActions() {
        List<String> actions = new ArrayList<>();
        admin.forEachAuditRecord(1, r -> actions.add(r.action()));
        return actions;
    }

    private List<String> auditActionsSince(List<String> before) {
        List<String> all = auditActions();
        return all.subList(before.size(), all.size());
    }

    private static ClusterHealth servingHealth(ClusterPlan plan, String service) {
        ServiceImport imported = importOf(plan, service);
        return imported == null || imported.clusters().isEmpty() ? null : imported.clusters().get(0).health();
    }

    /** A string that looks like a token but was never issued. */
    private static final class JoinTokenPrefix {
        static final String FAKE = "fgt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    }
}
