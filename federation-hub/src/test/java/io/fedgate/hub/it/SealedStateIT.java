package io.fedgate.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.metrics.MetricNames;
import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.PemFiles;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.hub.FederationHubMain;
import io.fedgate.hub.internal.sealing.SealingKeys;
import io.fedgate.hub.internal.sealing.StateSealer;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.HubRequestException;
import io.fedgate.hubclient.protocol.AuditRecord;
import io.fedgate.hubclient.protocol.ClusterSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's Hazelcast state against an attacker on its network: a plain Hazelcast client in its own JVM
 * ({@link RogueClient}) with the cluster name and a member's address, but no sealing key, next to one real hub
 * member. The tests share the member and run in order (the last rotates the sealing key).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SealedStateIT {
    private static final SecureRandom RANDOM = new SecureRandom();

    private HubMembers hub;
    private HubClient admin;
    private HubClient bootstrap;
    private final List<SimulatedAgent> agents = new ArrayList<>();
    /** "map key" of the entries the rogue forged: they never opened, so nothing re-seals them. */
    private final List<String> forged = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    void startHub() throws Exception {
        hub = HubMembers.start("SealedStateIT", 1);
        admin = hub.adminClient();
        bootstrap = HubClient.builder().hubs(hub.apiUrls())
                .trustAnchors(PemFiles.parseCertificates(admin.ca().certificate(), "ca")).build();
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

    @Test
    @Order(1)
    void rogueClientReadsNoPrivateKeyAndNoToken() throws Exception {
        String token = admin.createToken("idle", Component.AGENT, null).token();
        join("listed");
        String caKey = Files.readString(hub.member(0).dataDir.resolve("ca/ca.key"));
        String caKeyBody = caKey.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();

        List<String> dump = rogue("dump", token, token.substring(4), caKeyBody);

        assertThat(dump).contains("MAP " + HubState.CA + " 1").anyMatch(l -> l.startsWith("MAP " + HubState.TOKENS + " "))
                .anyMatch(l -> l.startsWith("MAP " + HubState.INVENTORIES + " "));
        assertThat(dump).noneMatch(l -> l.startsWith("LEAK"));
        assertThat(dump).filteredOn(l -> l.startsWith("MAP ")).extracting(l -> l.split(" ")[1])
                .allMatch(HubState.MAPS::contains);
    }

    @Test
    @Order(2)
    void tokenRecordCopiedToAMadeUpTokensKeyIssuesNoIdentity() throws Exception {
        String real = admin.createToken("victim", Component.AGENT, null).token();
        String madeUp = "fgt_" + "B".repeat(43);
        Path record = dir.resolve("token-record");
        rogue("get", HubState.TOKENS, tokenKey(real), record.toString());
        // the strongest attacker: one who even knows which key the hub looks the made-up token up under
        rogue("put", HubState.TOKENS, tokenKey(madeUp), record.toString());
        forged.add(HubState.TOKENS + " " + tokenKey(madeUp));
        long refusedBefore = refusals(HubState.TOKENS);

        assertThatThrownBy(() -> bootstrap.join(madeUp, agentOf("victim"), dir.resolve("forged")))
                .isInstanceOfSatisfying(HubRequestException.class, e -> assertThat(e.status()).isEqualTo(401));

        assertThat(dir.resolve("forged")).doesNotExist();
        assertThat(refusals(HubState.TOKENS)).isGreaterThan(refusedBefore);
        awaitAudit("state.refused", HubState.TOKENS);
        assertThat(auditRecords()).filteredOn(r -> r.action().equals("join")).extracting(AuditRecord::subject)
                .doesNotContain("victim");
    }

    @Test
    @Order(3)
    void replayedUnusedTokenRecordDoesNotAdmitTwice() throws Exception {
        String token = admin.createToken("replayed", Component.AGENT, null).token();
        Path unused = dir.resolve("unused-record");
        rogue("get", HubState.TOKENS, tokenKey(token), unused.toString());
        bootstrap.join(token, agentOf("replayed"), dir.resolve("replayed-1"));

        rogue("put", HubState.TOKENS, tokenKey(token), unused.toString());

        assertThatThrownBy(() -> bootstrap.join(token, agentOf("replayed"), dir.resolve("replayed-2")))
                .isInstanceOfSatisfying(HubRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error().message()).contains("already used");
                });
        assertThat(dir.resolve("replayed-2")).doesNotExist();
        assertThat(Files.readString(hub.member(0).log)).contains(HubState.TOKENS + " entry \"" + tokenKey(token)
                + "\" refused: older than a value already seen");
    }

    @Test
    @Order(4)
    void forgedInventoryIsNotListedAndTheRestKeepsWorking() throws Exception {
        String real = join("real").clusterId();
        Path inventory = dir.resolve("inventory");
        awaitListed(real);
        rogue("get", HubState.INVENTORIES, real, inventory.toString());
        long refusedBefore = refusals(HubState.INVENTORIES);

        rogue("put", HubState.INVENTORIES, "ghost", inventory.toString());
        forged.add(HubState.INVENTORIES + " ghost");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> refusals(HubState.INVENTORIES) > refusedBefore);
        assertThat(admin.clusters()).extracting(ClusterSummary::clusterId).contains(real).doesNotContain("ghost");
        awaitAudit("state.refused", HubState.INVENTORIES);
        assertThat(join("after").clusterId()).isNotNull();
    }

    @Test
    @Order(5)
    void rotatedKeyReSealsEverythingAndTheRetiredKeyIsRefused() throws Exception {
        String before = join("rotated").clusterId();
        awaitListed(before);
        Path oldInventory = dir.resolve("old-inventory");
        rogue("get", HubState.INVENTORIES, before, oldInventory.toString());
        String k1 = Files.readString(hub.keyFile()).strip();
        String k2 = SealingKeys.newKeyLine("k2", RANDOM);

        Files.writeString(hub.keyFile(), k2 + "\n" + k1 + "\n");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(rogue("dump")).filteredOn(l -> l.startsWith("KEYID "))
                        .filteredOn(l -> forged.stream().noneMatch(f -> l.startsWith("KEYID " + f + " "))).isNotEmpty()
                        .allMatch(l -> l.endsWith(" k2")));
        Files.writeString(hub.keyFile(), k2 + "\n");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(hub.member(0).log)
                .contains("opening [k2]"));

        rogue("put", HubState.INVENTORIES, before, oldInventory.toString());

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(hub.member(0).log)
                .contains(HubState.INVENTORIES + " entry \"" + before + "\" refused: sealed under a key id this member "
                        + "does not hold (retired, or a wrong sealing key): key id \"k1\""));
        assertThat(join("after-rotation").clusterId()).isNotNull();
    }

    /** After the rotation case: its dumps would deserialize the rogue object in the rogue's own JVM. */
    @Test
    @Order(6)
    void objectOfAClassOutsideTheAllowListIsRefusedBeforeItsReadObjectRuns() throws Exception {
        Path marker = dir.resolve("deserialized-by-member");
        String madeUp = "fgt_" + "C".repeat(43);
        String key = tokenKey(madeUp);
        long refusedBefore = refusals(HubState.TOKENS);

        rogue("put-object", HubState.TOKENS, key, marker.toString());
        List<String> executed = rogue("execute", HubState.INVENTORIES, "any", marker.toString());

        assertThat(executed).anyMatch(l -> l.startsWith("REFUSED ") && l.contains(
                "Resolving class " + MarkerOnDeserialize.class.getName() + " is not allowed"));
        assertThatThrownBy(() -> bootstrap.join(madeUp, agentOf("marker"), dir.resolve("marker-join")))
                .isInstanceOfSatisfying(HubRequestException.class, e -> assertThat(e.status()).isEqualTo(401));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> refusals(HubState.TOKENS) > refusedBefore);
        assertThat(Files.readString(hub.member(0).log)).contains(HubState.TOKENS + " entry \"" + key
                + "\" refused: not a sealed envelope: not deserializable: java.lang.SecurityException: Resolving class "
                + MarkerOnDeserialize.class.getName() + " is not allowed");
        assertThat(marker).doesNotExist();
        assertThat(join("after-rogue-object").clusterId()).isNotNull();
    }

    @Test
    @Order(7)
    void memberWithoutItsKeyFileExitsWithCode2NamingTheSetting() throws Exception {
        Path config = Files.writeString(dir.resolve("no-key.yaml"), "clusterSet: test-set\ndataDir: "
                + dir.resolve("no-key") + "\nsealing: {keyFile: " + dir.resolve("absent.keys") + "}\n");
        Path log = dir.resolve("no-key.log");

        Process member = HubMembers.java(log, FederationHubMain.class.getName(), "--config", config.toString());

        assertThat(member.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(member.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("sealing.keyFile: " + dir.resolve("absent.keys") + ": no such file");
    }

    private SimulatedAgent join(String prefix) {
        String id = prefix + "-" + agents.size();
        SimulatedAgent agent = SimulatedAgent.join(hub.apiUrls(), admin, id, dir.resolve("agent-" + id));
        agent.put(io.fedgate.hub.planning.InventoryFixture.cluster(id).generation(1).locality("eu", "eu-1")
                .pods("10.16.0.0/16").build());
        agents.add(agent);
        return agent;
    }

    private void awaitListed(String clusterId) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.clusters().stream()
                .anyMatch(c -> c.clusterId().equals(clusterId)));
    }

    private static ClusterIdentity agentOf(String clusterId) {
        return SpiffeId.cluster(HubMembers.CLUSTER_SET, clusterId, Component.AGENT);
    }

    /** The map key the hub stores {@code token} under (the test holds the key file; the attacker does not). */
    private String tokenKey(String token) {
        return new StateSealer(SealingKeys.load(hub.keyFile())).tokenKeys(token).get(0);
    }

    private long refusals(String map) throws Exception {
        String metrics = hub.management(0, "/metrics").body();
        String series = MetricNames.HUB_STATE_INTEGRITY_FAILURES_TOTAL + "{" + MetricNames.LABEL_MAP + "=\"" + map + "\"}";
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> (long) Double.parseDouble(l.substring(series.length() + 1))).orElseThrow(() ->
                        new AssertionError("no " + series + " in /metrics"));
    }

    private List<AuditRecord> auditRecords() {
        List<AuditRecord> records = new ArrayList<>();
        admin.forEachAuditRecord(1, records::add);
        return records;
    }

    private void awaitAudit(String action, String subject) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> auditRecords().stream()
                .anyMatch(r -> r.action().equals(action) && r.subject().equals(subject)));
    }

    private List<String> rogue(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "rogue", ".log");
        List<String> args = new ArrayList<>(List.of(hub.hazelcastAddress(0), hub.clusterName()));
        args.addAll(List.of(command));
        Process process = HubMembers.java(log, RogueClient.class.getName(), args.toArray(String[]::new));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("rogue client finished").isTrue();
        List<String> output = Files.readAllLines(log);
        assertThat(process.exitValue()).as("rogue client: " + output).isZero();
        assertThat(output).contains("DONE");
        return output;
    }
}
