package io.fedgate.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.pki.PemFiles;
import io.fedgate.api.pki.TestPki;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.protocol.AuditRecord;
import io.fedgate.hubclient.protocol.HubApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The anonymous join route's bounds against a real hub member with small, test-sized limits: refusals
 * before the body is read, the streamed-body cut, the in-flight cap, the per-source rate and the aggregated
 * audit. Each test calls from its own loopback source address (127.0.0.x), so the per-source buckets of one
 * test do not affect another; the global bucket is set wide enough never to refuse here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoinBoundsIT {
    private static final int MAX_BODY = 4096;
    private static final int MAX_IN_FLIGHT = 3;
    private static final int BURST = 4;
    private static final String BAD_TOKEN = "{\"token\":\"fgt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"csr\":\"x\"}";
    private static final Pattern COUNT = Pattern.compile("^(\\d+) refused from ");

    private HubMembers hub;
    private HubClient admin;
    private List<X509Certificate> trustAnchors;

    @BeforeAll
    void startHub() throws Exception {
        hub = HubMembers.startWith(getClass().getSimpleName(), """
                join:
                  maxBodyBytes: %d
                  maxInFlight: %d
                  bodyTimeout: 3s
                  perSource: {ratePerSecond: 1, burst: %d}
                  global: {ratePerSecond: 100000, burst: 100000}
                  refusalAuditInterval: 1s
                """.formatted(MAX_BODY, MAX_IN_FLIGHT, BURST));
        admin = hub.adminClient();
        trustAnchors = PemFiles.parseCertificates(admin.ca().certificate(), "ca");
    }

    @AfterAll
    void stopHub() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private RawHttp1 connect(String source) throws Exception {
        return new RawHttp1(source, hub.member(0).apiPort, trustAnchors);
    }

    @Test
    void declaredBodyAboveTheBoundIsRefused413BeforeAnyOfItIsSent() throws Exception {
        try (RawHttp1 client = connect("127.0.0.11")) {
            RawHttp1.Answer answer = client.head("POST", HubApi.join(), "Content-Type: application/json",
                    "Content-Length: " + 15 * 1024 * 1024).read();

            assertThat(answer.status()).as("answered with no body byte sent: nothing was read").isEqualTo(413);
            assertThat(answer.body()).contains("15728640 bytes (Content-Length)", "join.maxBodyBytes");
            assertThat(client.closedByServer()).as("the connection is closed, the body never read").isTrue();
        }
    }

    @Test
    void streamedBodyIsCutAtTheBound() throws Exception {
        try (RawHttp1 client = connect("127.0.0.12")) {
            client.head("POST", HubApi.join(), "Content-Type: application/json", "Transfer-Encoding: chunked");
            int sent = 0;
            try {
                while (sent <= 4 * MAX_BODY) {
                    client.chunk(new byte[1024]);
                    sent += 1024;
                }
            } catch (java.io.IOException cut) {
                // the hub closed the connection after its answer: the rest was not read
            }
            RawHttp1.Answer answer = client.read();

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body()).contains("more than " + MAX_BODY + " bytes (streamed)");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    /** A rest of less than 64 KiB is dropped and the stream answered (more closes the anonymous connection). */
    @Test
    void streamedHttp2BodyIsCutAtTheBound() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(io.fedgate.hubclient.HubTls.sslContext(null, trustAnchors)).build();
        HttpRequest request = HttpRequest.newBuilder(hub.member(0).apiUrl().resolve(HubApi.join()))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(
                        new byte[MAX_BODY + 32 * 1024]))).build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("(streamed)");
    }

    @Test
    void joinsBeyondMaxInFlightAre503WithRetryAfterAndSlowBodiesTimeOut() throws Exception {
        List<RawHttp1> holding = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_IN_FLIGHT; i++) {
                holding.add(connect("127.0.0.2" + i).head("POST", HubApi.join(), "Content-Type: application/json",
                        "Content-Length: 100"));
            }
            Awaitility.await("the hub holds " + MAX_IN_FLIGHT + " joins").atMost(10, TimeUnit.SECONDS)
                    .until(() -> inFlight() == MAX_IN_FLIGHT);

            RawHttp1.Answer refused;
            try (RawHttp1 one = connect("127.0.0.29")) {
                refused = one.send("POST", HubApi.join(), BAD_TOKEN);
            }

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers()).containsEntry("retry-after", "1");
            assertThat(refused.body()).contains("join.maxInFlight");
            for (RawHttp1 slow : holding) {
                RawHttp1.Answer timedOut = slow.read();
                assertThat(timedOut.status()).isEqualTo(408);
                assertThat(timedOut.body()).contains("join.bodyTimeout");
            }
            Awaitility.await("slots released").atMost(10, TimeUnit.SECONDS).until(() -> inFlight() == 0);
        } finally {
            for (RawHttp1 slow : holding) {
                slow.close();
            }
        }
    }

    @Test
    void burstAboveTheSourceRateIs429WithRetryAfter() throws Exception {
        List<RawHttp1.Answer> answers = joinsWithBadTokens("127.0.0.31", BURST + 3);
        List<RawHttp1.Answer> limited = answers.stream().filter(a -> a.status() == 429).toList();

        assertThat(answers.subList(0, BURST)).allSatisfy(a -> assertThat(a.status()).isEqualTo(401));
        assertThat(limited).as("beyond the burst (one token per second may refill meanwhile)").hasSizeGreaterThan(1);
        assertThat(limited).allSatisfy(a -> {
            assertThat(Long.parseLong(a.headers().get("retry-after"))).isPositive();
            assertThat(a.body()).contains("per-source rate");
        });
        try (RawHttp1 other = connect("127.0.0.32")) {
            assertThat(other.send("POST", HubApi.join(), BAD_TOKEN).status()).as("another source is not limited")
                    .isEqualTo(401);
        }
    }

    @Test
    void refusedJoinsAreAuditedAsCountsPerSourceNotOneRecordEach() throws Exception {
        String source = "127.0.0.41";
        long before = headSeq();
        List<RawHttp1.Answer> answers = joinsWithBadTokens(source, 20);

        assertThat(answers).extracting(RawHttp1.Answer::status).containsOnly(401, 429);
        assertThat(answers).filteredOn(a -> a.status() == 429).hasSizeGreaterThan(10);
        List<AuditRecord> records = new ArrayList<>();
        Awaitility.await("the aggregated record").atMost(15, TimeUnit.SECONDS).until(() -> {
            records.clear();
            admin.forEachAuditRecord(before + 1, r -> {
                if (r.action().equals("join.refused") && r.details().contains("from " + source + " ")) {
                    records.add(r);
                }
                return true;
            });
            return records.stream().mapToLong(JoinBoundsIT::refusedCount).sum() == 20;
        });

        assertThat(records).as("one record per source and interval (at most two if the flush fell in between)")
                .hasSizeLessThanOrEqualTo(2);
        assertThat(records).allSatisfy(r -> assertThat(r.actor()).isEqualTo("anonymous"));
        assertThat(String.join(" ", records.stream().map(AuditRecord::details).toList()))
                .contains("401 unknown token x", "429 per-source rate x");
    }

    @Test
    void unauthenticatedBodyIsRefused401BeforeItIsReadNamingNoTrustedCa() throws Exception {
        try (RawHttp1 client = connect("127.0.0.51")) {
            RawHttp1.Answer answer = client.head("PUT", HubApi.inventory("east"), "Content-Type: application/json",
                    "Content-Length: " + 15 * 1024 * 1024).read();

            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body()).contains("NO_CERTIFICATE");
            assertThat(client.closedByServer()).isTrue();
        }
        TlsMaterial foreign = TestPki.create().issue("east", io.fedgate.api.pki.Component.AGENT);
        RawHub.Answer withForeign = new RawHub(hub.member(0).apiUrl(), foreign, trustAnchors)
                .send("GET", HubApi.clusters(), null);
        String hubCaName = trustAnchors.get(0).getSubjectX500Principal().getName();

        assertThat(withForeign.status()).isEqualTo(401);
        assertThat(withForeign.body()).contains("UNKNOWN_CA", "signed by a CA this hub does not trust")
                .doesNotContain(hubCaName);
    }

    @Test
    void managementPortAnswersOnlyGetAndHead() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + hub.member(0).managementPort + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[64 * 1024])).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
        assertThat(hub.management(0, "/metrics").body()).contains("fedgate_hub_joins_in_flight");
    }

    // ---- helpers ----

    private List<RawHttp1.Answer> joinsWithBadTokens(String source, int count) throws Exception {
        List<RawHttp1.Answer> answers = new ArrayList<>();
        try (RawHttp1 client = connect(source)) {
            for (int i = 0; i < count; i++) {
                answers.add(client.send("POST", HubApi.join(), BAD_TOKEN));
            }
        }
        return answers;
    }

    private int inFlight() throws Exception {
        Matcher gauge = Pattern.compile("(?m)^fedgate_hub_joins_in_flight(?:\\{[^}]*})? (\\S+)$")
                .matcher(hub.management(0, "/metrics").body());
        return gauge.find() ? (int) Double.parseDouble(gauge.group(1)) : -1;
    }

    private long headSeq() {
        long[] last = {0};
        admin.forEachAuditRecord(1, r -> {
            last[0] = r.seq();
            return true;
        });
        return last[0];
    }

    private static long refusedCount(AuditRecord record) {
        Matcher count = COUNT.matcher(record.details());
        return count.find() ? Long.parseLong(count.group(1)) : 0;
    }
}
