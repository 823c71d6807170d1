package io.fedgate.interconnect.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The client against servers that break the protocol, over real loopback sockets: each failure must be a
 * clear error within a bounded time and with bounded memory, never a hang.
 */
class OvsdbClientMisbehavingServerIT {

    private static OvsdbClientConfig.Builder config(FakeOvsdbServer server) {
        return OvsdbClientConfig.builder("Test_DB", OvsdbEndpoint.parseList(server.endpoint())).label("test")
                .requestTimeout(Duration.ofMillis(500)).connectTimeout(Duration.ofMillis(500))
                .monitor("T", "name", "tags");
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheRequestTimeout() throws Exception {
        try (FakeOvsdbServer server = new FakeOvsdbServer((req, out, s) -> { })) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> OvsdbClient.connect(config(server).build()))
                    .isInstanceOf(OvsdbTimeoutException.class)
                    .hasMessageContaining("no reply to transact")
                    .hasMessageContaining("within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void truncatedJsonIsAProtocolError() throws Exception {
        try (FakeOvsdbServer server = new FakeOvsdbServer((req, out, s) -> {
            FakeOvsdbServer.write(out, "{\"id\":" + req.get("id") + ",\"result\":[{\"rows\":[{\"name\":\"x");
            s.shutdownOutput();
        })) {
            assertThatThrownBy(() -> OvsdbClient.connect(config(server).build()))
                    .isInstanceOf(OvsdbProtocolException.class)
                    .hasMessageContaining("connection closed in the middle of a JSON message");
        }
    }

    @Test
    void aHugeMessageIsRefusedAtTheBoundWithoutWaitingForItsEnd() throws Exception {
        try (FakeOvsdbServer server = new FakeOvsdbServer((req, out, s) -> {
            FakeOvsdbServer.write(out, "{\"id\":" + req.get("id") + ",\"result\":\"");
            byte[] chunk = "a".repeat(64 * 1024).getBytes();
            try {
                for (int i = 0; i < 256; i++) {     // 16 MiB that never ends, unless the client hangs up
                    out.write(chunk);
                }
            } catch (java.io.IOException closedByClient) {
                // expected: the client drops the connection at its bound
            }
        })) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> OvsdbClient.connect(config(server).maxMessageBytes(64 * 1024)
                    .requestTimeout(Duration.ofSeconds(10)).build()))
                    .isInstanceOf(OvsdbProtocolException.class)
                    .hasMessageContaining("exceeds the limit of 65536 bytes");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() throws Exception {
        try (FakeOvsdbServer server = new FakeOvsdbServer((req, out, s) ->
                FakeOvsdbServer.write(out, "{\"id\":" + req.get("id") + ",\"method\":5,\"params\":[]}"))) {
            assertThatThrownBy(() -> OvsdbClient.connect(config(server).build()))
                    .isInstanceOf(OvsdbProtocolException.class)
                    .hasMessageContaining("field \"method\" must be a string but was number");
        }
    }

    @Test
    void aSchemaWithAnUnknownTypeIsNamed() throws Exception {
        try (FakeOvsdbServer server = new FakeOvsdbServer((req, out, s) -> {
            if (req.path("method").asText().equals("get_schema")) {
                FakeOvsdbServer.reply(out, req, "{\"name\":\"Test_DB\",\"version\":\"1\",\"tables\":{\"T\":{\"columns\":"
                        + "{\"name\":{\"type\":\"blob\"}}}}}");
            } else {
                FakeOvsdbServer.handshake(req, out);
            }
        })) {
            assertThatThrownBy(() -> OvsdbClient.connect(config(server).build()))
                    .isInstanceOf(OvsdbProtocolException.class)
                    .hasMessageContaining("Test_DB.T.name: unknown atomic type \"blob\"");
        }
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() throws Exception {
        try (FakeOvsdbServer server = new FakeOvsdbServer((req, out, s) -> FakeOvsdbServer.write(out, "[1,2,3]"))) {
            assertThatThrownBy(() -> OvsdbClient.connect(config(server).build()))
                    .isInstanceOf(OvsdbProtocolException.class)
                    .hasMessageContaining("expected '{' at the start of a JSON-RPC message but got '['");
        }
    }

    @Test
    void updatesSentBeforeTheTransactReplyAreInTheReplicaWhenTransactReturns() throws Exception {
        try (FakeOvsdbServer server = new FakeOvsdbServer((req, out, s) -> {
            if (!FakeOvsdbServer.handshake(req, out)) {
                FakeOvsdbServer.write(out, "{\"id\":null,\"method\":\"update2\",\"params\":[\"fedgate\",{\"T\":{"
                        + "\"11111111-2222-3333-4444-555555555555\":{\"insert\":{\"name\":\"a\",\"tags\":\"x\"}}}}]}");
                FakeOvsdbServer.reply(out, req, "[{\"uuid\":[\"uuid\",\"11111111-2222-3333-4444-555555555555\"]}]");
            }
        }); OvsdbClient c = OvsdbClient.connect(config(server).build())) {
            TransactionResult r = c.transact(Operation.insert("T").with("name", "a"));
            assertThat(r.get(0).uuid()).isEqualTo(new Uuid("11111111-2222-3333-4444-555555555555"));
            Row row = c.snapshot().row("T", r.get(0).uuid()).orElseThrow();
            assertThat(row.stringSet("tags")).containsExactly("x");
        }
    }

    @Test
    void theServersEchoIsAnswered() throws Exception {
        List<com.fasterxml.jackson.databind.JsonNode> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (FakeOvsdbServer server = new FakeOvsdbServer((req, out, s) -> {
            if (req.has("result")) {
                answers.add(req);
            } else if (FakeOvsdbServer.handshake(req, out) && req.path("method").asText().equals("monitor_cond")) {
                FakeOvsdbServer.write(out, "{\"id\":\"echo\",\"method\":\"echo\",\"params\":[\"probe\"]}");
            }
        }); OvsdbClient c = OvsdbClient.connect(config(server).build())) {
            Awaitility.await().atMost(2, TimeUnit.SECONDS).until(() -> !answers.isEmpty());
            assertThat(answers.get(0).get("id").asText()).isEqualTo("echo");
            assertThat(answers.get(0).get("result").get(0).asText()).isEqualTo("probe");
        }
    }

    @Test
    void aServerThatStopsAnsweringIsDroppedByTheKeepalive() throws Exception {
        try (FakeOvsdbServer server = new FakeOvsdbServer((req, out, s) -> FakeOvsdbServer.handshake(req, out));
             OvsdbClient c = OvsdbClient.connect(config(server).keepaliveInterval(Duration.ofMillis(200))
                     .reconnectBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30)).build())) {
            assertThat(c.isConnected()).isTrue();
            Awaitility.await().atMost(3, TimeUnit.SECONDS).until(() -> !c.isConnected());
            assertThat(server.received()).anyMatch(r -> r.path("method").asText().equals("echo"));
            Awaitility.await().atMost(2, TimeUnit.SECONDS).until(server::eofSeen);
        }
    }
}
