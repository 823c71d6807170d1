package io.fedgate.interconnect.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Clustered-database behaviour, with scripted servers on loopback standing in for raft members (the
 * integration tests with real OVN use standalone servers): the client talks only to the leader, and a
 * "cluster error" makes it reconnect.
 */
class OvsdbClientClusterIT {

    /** Answers the _Server leader query as a member that is ({@code leader}) or is not the leader. */
    private static boolean member(JsonNode req, OutputStream out, boolean leader) throws IOException {
        if (req.path("method").asText().equals("transact") && req.path("params").path(0).asText().equals("_Server")) {
            FakeOvsdbServer.reply(out, req, "[{\"rows\":[{\"name\":\"Test_DB\",\"model\":\"clustered\",\"connected\":true,"
                    + "\"leader\":" + leader + "}]}]");
            return true;
        }
        return FakeOvsdbServer.handshake(req, out);
    }

    @Test
    void theClientSkipsFollowersAndConnectsToTheLeader() throws Exception {
        try (FakeOvsdbServer follower = new FakeOvsdbServer((req, out, s) -> member(req, out, false));
             FakeOvsdbServer leader = new FakeOvsdbServer((req, out, s) -> member(req, out, true));
             OvsdbClient c = OvsdbClient.connect(OvsdbClientConfig.builder("Test_DB",
                     OvsdbEndpoint.parseList(follower.endpoint() + "," + leader.endpoint())).monitor("T", "name").build())) {
            assertThat(c.connectedEndpoint().port()).isEqualTo(leader.port());
            assertThat(follower.received()).noneMatch(r -> r.path("method").asText().equals("get_schema"));
        }
    }

    @Test
    void noLeaderAmongTheMembersIsAConnectionErrorNamingEachMember() throws Exception {
        try (FakeOvsdbServer a = new FakeOvsdbServer((req, out, s) -> member(req, out, false));
             FakeOvsdbServer b = new FakeOvsdbServer((req, out, s) -> member(req, out, false))) {
            assertThatThrownBy(() -> OvsdbClient.connect(OvsdbClientConfig.builder("Test_DB",
                    OvsdbEndpoint.parseList(a.endpoint() + "," + b.endpoint())).build()))
                    .isInstanceOf(OvsdbConnectionException.class)
                    .hasMessageContaining(a.endpoint() + " is not the leader of clustered database Test_DB")
                    .hasMessageContaining(b.endpoint() + " is not the leader");
        }
    }

    @Test
    void aClusterErrorIsReportedAsRetryableAndTheClientReconnects() throws Exception {
        try (FakeOvsdbServer server = new FakeOvsdbServer((req, out, s) -> {
            if (!member(req, out, true)) {
                FakeOvsdbServer.reply(out, req, "[{\"error\":\"cluster error\",\"details\":\"lost leadership\"}]");
            }
        }); OvsdbClient c = OvsdbClient.connect(OvsdbClientConfig.builder("Test_DB",
                OvsdbEndpoint.parseList(server.endpoint())).monitor("T", "name")
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(50)).build())) {
            assertThatThrownBy(() -> c.transact(List.of(Operation.insert("T").with("name", "x"))))
                    .isInstanceOfSatisfying(OvsdbServerException.class, e -> assertThat(e.isClusterError()).isTrue());
            Awaitility.await().atMost(3, TimeUnit.SECONDS).until(() -> c.connectCount() >= 2 && c.isConnected());
            assertThat(server.connections()).isGreaterThanOrEqualTo(2);
        }
    }
}
