package io.fedgate.hubclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.api.codec.FederationJson;
import io.fedgate.api.codec.InvalidDocumentException;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.pki.CertificateRequest;
import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.IdentityVerifier;
import io.fedgate.api.pki.PemFiles;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hubclient.internal.ApiErrors;
import io.fedgate.hubclient.internal.HubTransport;
import io.fedgate.hubclient.internal.PlanWatcher;
import io.fedgate.hubclient.protocol.AuditPage;
import io.fedgate.hubclient.protocol.AuditRecord;
import io.fedgate.hubclient.protocol.CaInfo;
import io.fedgate.hubclient.protocol.ClusterSummary;
import io.fedgate.hubclient.protocol.ExportSummary;
import io.fedgate.hubclient.protocol.HeartbeatAck;
import io.fedgate.hubclient.protocol.HubApi;
import io.fedgate.hubclient.protocol.HubDocuments;
import io.fedgate.hubclient.protocol.ImportSummary;
import io.fedgate.hubclient.protocol.InventoryAck;
import io.fedgate.hubclient.protocol.JoinRequest;
import io.fedgate.hubclient.protocol.JoinResponse;
import io.fedgate.hubclient.protocol.JoinToken;
import io.fedgate.hubclient.protocol.RenewRequest;
import io.fedgate.hubclient.protocol.TokenRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * Talks to the hub's API over HTTP/2 with mutual TLS, using the JDK's {@code HttpClient} only: what agents,
 * gateways, {@code fedgate ctl} and the benchmark use.
 *
 * <p><b>Members and failover.</b> Give every hub member's URL (or one load-balanced URL). Calls go to the
 * member that answered last and fail over to the next when it cannot be reached, times out, answers 503 or
 * does not present the hub's SPIFFE identity; {@link HubUnavailableException} when none answers. An error
 * status is not failed over: it throws {@link HubRequestException} (409 on inventory writes:
 * {@link GenerationConflictException}).
 *
 * <p><b>Identity.</b> A client built without {@link Builder#identity} can only {@link #join}; joining saves
 * the issued material to the cert directory and returns it, and {@link #withIdentity} gives the client to use
 * from then on. The server must always chain to the trusted CA and carry
 * {@code spiffe://<set>/cluster/hub/hub}.
 *
 * <p><b>Bounds.</b> Responses are read up to {@link HubApi#DEFAULT_MAX_RESPONSE_BYTES}, watch events up to
 * {@link HubApi#DEFAULT_MAX_EVENT_BYTES}; plans are validated by the model's strict codec.
 *
 * <p>Thread-safe; one client per identity. {@link #close()} stops its watches.
 */
public final class HubClient implements AutoCloseable {
    /** Default time to open a TCP + TLS connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default time to wait for a response's headers. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** Default silence after which a watch stream is given up: three missed hub heartbeats. */
    public static final Duration DEFAULT_WATCH_IDLE_TIMEOUT = Duration.ofSeconds(15);
    /** Shortest pause between watch reconnection attempts. */
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
    /** Longest pause between watch reconnection attempts. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

    private static final int OK = 200;
    private static final int NOT_FOUND = 404;

    private final Builder settings;
    private final HubTransport transport;
    private final ObjectMapper mapper = FederationJson.mapper();
    private final ScheduledExecutorService watchdogs;
    private final String clusterSet;
    private final List<PlanWatcher> watches = new ArrayList<>();

    private HubClient(Builder settings) {
        this.settings = settings;
        List<X509Certificate> anchors = settings.trustAnchors != null ? settings.trustAnchors
                : settings.identity.trustAnchors();
        this.clusterSet = HubTls.clusterSetOf(anchors.get(0));
        IdentityVerifier hubVerifier = new IdentityVerifier(anchors, clusterSet, settings.clock);
        this.transport = new HubTransport(settings.hubs, HubTls.sslContext(settings.identity, anchors), hubVerifier,
                settings.connectTimeout, settings.requestTimeout, HubApi.DEFAULT_MAX_RESPONSE_BYTES);
        this.watchdogs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fedgate-hub-client-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A builder; {@link Builder#hubs} and either {@link Builder#trustAnchors} or {@link Builder#identity} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A client with the same settings presenting {@code newIdentity} (after a join or a renewal). */
    public HubClient withIdentity(TlsMaterial newIdentity) {
        return settings.copy().identity(newIdentity).trustAnchors(newIdentity.trustAnchors()).build();
    }

    /** The cluster set whose hubs this client trusts (named by the trust anchor). */
    public String clusterSet() {
        return clusterSet;
    }

    /** The hub members, in the order given. */
    public List<URI> hubs() {
        return transport.hubs();
    }

    // ---- joining and certificates ----

    /**
     * Joins the cluster set: generates a key and CSR, sends them with {@code token}, checks the hub issued
     * {@code expected}, and saves key, certificate and CA to {@code certDir} (the {@code --cert-dir} layout of
     * {@link TlsMaterial#save}).
     *
     * @throws HubRequestException 401 for an unknown or expired token, 403 for one already used
     * @throws HubClientException  when the hub issued another identity than {@code expected} (nothing saved)
     */
    public TlsMaterial join(String token, ClusterIdentity expected, Path certDir) {
        CertificateRequest request = CertificateRequest.generate(expected);
        JoinResponse response = call("POST", HubApi.join(), new JoinRequest(token, request.csrPem()),
                JoinResponse.class);
        return completed(request, response, expected, certDir);
    }

    /**
     * Renews this client's certificate for the same identity with a fresh key, saving it to {@code certDir}.
     * Use {@link #withIdentity} with the result for further calls.
     */
    public TlsMaterial renew(Path certDir) {
        SpiffeId identity = requireIdentity().identity();
        CertificateRequest request = CertificateRequest.generate(identity);
        JoinResponse response = call("POST", HubApi.renew(), new RenewRequest(request.csrPem()), JoinResponse.class);
        return completed(request, response, identity, certDir);
    }

    private TlsMaterial completed(CertificateRequest request, JoinResponse response, SpiffeId expected,
                                  Path certDir) {
        TlsMaterial material = request.complete(response.certificateChain(), response.caCertificates());
        if (!material.identity().equals(expected)) {
            throw new HubClientException("the hub issued " + material.identity() + " but this process is "
                    + expected + "; nothing was saved to " + certDir + " (was the token made for another cluster "
                    + "or component?)");
        }
        material.save(certDir);
        return material;
    }

    // ---- agent: inventory and lease ----

    /**
     * Sends a full inventory snapshot.
     *
     * @throws GenerationConflictException when the hub holds a newer generation (or the same one with other
     *                                     content): send a snapshot above {@code currentGeneration()}
     */
    public InventoryAck putInventory(ClusterInventory inventory) {
        return call("PUT", HubApi.inventory(inventory.clusterId()),
                FederationCodecs.clusterInventory().encode(inventory), InventoryAck.class);
    }

    /**
     * Sends a change on top of the generation the hub holds. A retry of a delta the hub already applied (its
     * answer was lost) counts as applied.
     *
     * @throws GenerationConflictException when the hub does not hold {@code baseGeneration}: send a snapshot
     */
    public InventoryAck patchInventory(InventoryDelta delta) {
        try {
            return call("PATCH", HubApi.inventory(delta.clusterId()), FederationCodecs.inventoryDelta().encode(delta),
                    InventoryAck.class);
        } catch (GenerationConflictException e) {
            if (Objects.equals(e.currentGeneration(), delta.generation())) {
                return new InventoryAck(delta.clusterId(), delta.generation(), false);
            }
            throw e;
        }
    }

    /** Renews the cluster's lease; the answer says whether the hub holds an inventory (null: send one). */
    public HeartbeatAck heartbeat(String clusterId) {
        return call("POST", HubApi.heartbeat(clusterId), null, HeartbeatAck.class);
    }

    // ---- agent and gateway: plans ----

    /** The cluster's current plan, empty when the hub has none yet. */
    public Optional<ClusterPlan> getPlan(String clusterId) {
        return planAt(HubApi.plan(clusterId));
    }

    /**
     * Watches the cluster's plans after {@code fromVersion} (0: from the current one), resuming across broken
     * streams and hub members; see {@link PlanListener} for how plans are delivered.
     */
    public PlanWatch watchPlan(String clusterId, long fromVersion, PlanListener listener) {
        PlanWatcher watch = new PlanWatcher(transport, mapper, clusterId, fromVersion, listener, watchdogs,
                settings.clock, settings.watchIdleTimeout, settings.minBackoff, settings.maxBackoff,
                settings.importInterner);
        synchronized (watches) {
            watches.add(watch);
        }
        return watch.start();
    }

    // ---- admin (fedgate ctl) ----

    /** Every cluster the hub knows. */
    public List<ClusterSummary> clusters() {
        return list(HubApi.clusters(), ClusterSummary.class);
    }

    /** Every export of every cluster. */
    public List<ExportSummary> exports() {
        return list(HubApi.exports(), ExportSummary.class);
    }

    /** Every import of the cluster set. */
    public List<ImportSummary> imports() {
        return list(HubApi.imports(), ImportSummary.class);
    }

    /** A cluster's current plan through the read-only listing, empty when the hub has none. */
    public Optional<ClusterPlan> plan(String clusterId) {
        return planAt(HubApi.plans(clusterId));
    }

    /**
     * A join token for {@code component} of {@code clusterId}.
     *
     * @param ttl null for the hub's default lifetime
     */
    public JoinToken createToken(String clusterId, Component component, Duration ttl) {
        return call("POST", HubApi.tokens(), new TokenRequest(clusterId, component.id(),
                ttl == null ? null : ttl.toSeconds()), JoinToken.class);
    }

    /** Forgets a cluster: its inventory, lease and plan; it must join again to come back. */
    public void removeCluster(String clusterId) {
        call("DELETE", HubApi.cluster(clusterId), null, (JavaType) null);
    }

    /** Up to {@code limit} audit records from sequence number {@code from}. */
    public AuditPage audit(long from, int limit) {
        return call("GET", HubApi.audit(from, limit), null, AuditPage.class);
    }

    /**
     * Reads the audit log page by page from sequence number {@code from}, handing each record to
     * {@code consumer} in order until it returns false or the log ends.
     *
     * @return how many records were handed over
     */
    public long forEachAuditRecord(long from, Predicate<AuditRecord> consumer) {
        long handed = 0;
        long next = from;
        while (true) {
            AuditPage page = audit(next, HubApi.MAX_AUDIT_PAGE);
            if (page.records().isEmpty()) {
                return handed;
            }
            for (AuditRecord record : page.records()) {
                handed++;
                if (!consumer.test(record)) {
                    return handed;
                }
            }
            next += page.records().size();
        }
    }

    /** The cluster set's CA. */
    public CaInfo ca() {
        return call("GET", HubApi.ca(), null, CaInfo.class);
    }

    /** Stops every watch this client started. */
    @Override
    public void close() {
        List<PlanWatcher> running;
        synchronized (watches) {
            running = List.copyOf(watches);
            watches.clear();
        }
        running.forEach(PlanWatcher::close);
        watchdogs.shutdownNow();
    }

    // ---- plumbing ----

    private Optional<ClusterPlan> planAt(String path) {
        HubTransport.Response response = transport.exchange("GET", path, null);
        if (response.status() == NOT_FOUND) {
            return Optional.empty();
        }
        if (response.status() != OK) {
            throw ApiErrors.toException(mapper, "GET " + path + " on " + response.hub(), response.status(),
                    response.body());
        }
        try {
            return Optional.of(HubDocuments.clusterPlan().decode(response.body()));
        } catch (InvalidDocumentException e) {
            throw new HubClientException("GET " + path + " on " + response.hub() + ": invalid plan: "
                    + e.getMessage(), e);
        }
    }

    private <T> List<T> list(String path, Class<T> element) {
        return call("GET", path, null, mapper.getTypeFactory().constructCollectionType(List.class, element));
    }

    private <T> T call(String method, String path, Object body, Class<T> type) {
        return call(method, path, body, type == null ? null : mapper.constructType(type));
    }

    private <T> T call(String method, String path, Object body, JavaType type) {
        byte[] bytes = body == null ? null : body instanceof byte[] raw ? raw : json(body);
        HubTransport.Response response = transport.exchange(method, path, bytes);
        String call = method + " " + path + " on " + response.hub();
        if (response.status() / 100 != 2) {
            throw ApiErrors.toException(mapper, call, response.status(), response.body());
        }
        if (type == null) {
            return null;
        }
        try {
            return mapper.readValue(response.body(), type);
        } catch (IOException e) {
            throw new HubClientException(call + ": unreadable answer: " + e.getMessage(), e);
        }
    }

    private byte[] json(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName(), e);
        }
    }

    private TlsMaterial requireIdentity() {
        if (settings.identity == null) {
            throw new IllegalStateException("this client has no identity; join first and use withIdentity");
        }
        return settings.identity;
    }

    /** Settings of a {@link HubClient}. */
    public static final class Builder {
        private List<URI> hubs = List.of();
        private List<X509Certificate> trustAnchors;
        private TlsMaterial identity;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration watchIdleTimeout = DEFAULT_WATCH_IDLE_TIMEOUT;
        private Duration minBackoff = DEFAULT_MIN_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Clock clock = Clock.systemUTC();
        private ImportInterner importInterner;

        private Builder() {
        }

        /** Every hub member's base URL ({@code https://host:port}), in preference order. */
        public Builder hubs(List<URI> urls) {
            this.hubs = List.copyOf(urls);
            return this;
        }

        /** The CA certificates the hub's certificate must chain to (before joining: the hub CA file). */
        public Builder trustAnchors(List<X509Certificate> anchors) {
            this.trustAnchors = anchors == null ? null : List.copyOf(anchors);
            return this;
        }

        /** Reads the trust anchors from a PEM file, e.g. {@code --hub-ca-file}. */
        public Builder trustAnchorsFile(Path pemFile) {
            return trustAnchors(PemFiles.readCertificates(pemFile));
        }

        /** The client certificate to present; its trust anchors are used when none were given. */
        public Builder identity(TlsMaterial material) {
            this.identity = material;
            return this;
        }

        /** Time to open a connection. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Time to wait for a response's headers. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Silence after which a watch stream is reopened; keep it above the hub's heartbeat interval. */
        public Builder watchIdleTimeout(Duration timeout) {
            this.watchIdleTimeout = positive(timeout, "watchIdleTimeout");
            return this;
        }

        /** Shortest and longest pause between watch reconnection attempts. */
        public Builder reconnectBackoff(Duration min, Duration max) {
            this.minBackoff = positive(min, "minBackoff");
            this.maxBackoff = positive(max, "maxBackoff");
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("maxBackoff (" + max + ") must be >= minBackoff (" + min + ")");
            }
            return this;
        }

        /** The clock certificates and watch silence are judged by. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Plan watches of this client (and of every client given the same interner) share equal imports; none
         * by default. For many watches in one process, such as simulated agents.
         */
        public Builder importInterner(ImportInterner interner) {
            this.importInterner = interner;
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalArgumentException when no hub URL, or neither trust anchors nor an identity, is given
         */
        public HubClient build() {
            if (hubs.isEmpty()) {
                throw new IllegalArgumentException("hubs: give at least one hub URL (https://host:port)");
            }
            if ((trustAnchors == null || trustAnchors.isEmpty()) && identity == null) {
                throw new IllegalArgumentException("give trustAnchors (the hub CA) or an identity");
            }
            return new HubClient(this);
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.hubs = hubs;
            copy.trustAnchors = trustAnchors;
            copy.identity = identity;
            copy.connectTimeout = connectTimeout;
            copy.requestTimeout = requestTimeout;
            copy.watchIdleTimeout = watchIdleTimeout;
            copy.minBackoff = minBackoff;
            copy.maxBackoff = maxBackoff;
            copy.clock = clock;
            copy.importInterner = importInterner;
            return copy;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " (" + value + ") must be positive");
            }
            return value;
        }
    }
}
