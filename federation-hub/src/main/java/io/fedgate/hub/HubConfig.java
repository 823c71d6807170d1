package io.fedgate.hub;

import io.fedgate.api.codec.DocumentCodec;
import io.fedgate.api.codec.FederationJson;
import io.fedgate.api.codec.InvalidDocumentException;
import io.fedgate.api.codec.ObjectFields;
import io.fedgate.api.codec.Range;
import io.fedgate.api.codec.TextRule;
import io.fedgate.api.codec.UnknownFields;
import io.fedgate.hubclient.GoDuration;
import io.fedgate.hubclient.protocol.HubApi;
import io.fedgate.hubclient.protocol.HubDocuments;
import io.fedgate.hub.planning.PlanningInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything one hub member is configured with: the YAML file {@code fedgate hub --config FILE} reads.
 *
 * <pre>{@code
 * clusterSet: payments-prod            # required: the SPIFFE trust domain
 * api:        {host: 0.0.0.0, port: 8443, advertisedAddresses: [fedgate-hub.example.com]}
 * management: {host: 127.0.0.1, port: 9090} # plain HTTP: /metrics /healthz /readyz; loopback unless configured
 * dataDir: /var/lib/fedgate            # required: CA, admin credential, persisted state, audit log
 * ca: {certFile: ..., keyFile: ...}    # optional: bring your own CA (both or neither)
 * hazelcastConfig: /etc/fedgate/hazelcast.yaml   # a standard Hazelcast YAML file, or instead:
 * hazelcast: {clusterName: fedgate, host: 127.0.0.1, port: 5701, members: [127.0.0.1:5701], properties: {}}
 * leases: {durationSeconds: 15}
 * joinTokens: {ttl: 24h}
 * certificates: {validity: 720h}       # of certificates issued to agents and gateways
 * audit: {path: /var/lib/fedgate/audit/audit.log}
 * planning: {debounce: 50ms, historySize: 32, transitSwitchCount: 1}
 * watch: {heartbeatInterval: 5s}
 * sealing: {keyFile: /var/run/fedgate/sealing/keys}   # required: the keys sealing the Hazelcast state
 * join:                                # bounds of the anonymous POST /v1/join (see {@link Join})
 *   maxBodyBytes: 33024
 *   maxInFlight: 32
 *   bodyTimeout: 10s
 *   perSource: {ratePerSecond: 2, burst: 10}
 *   global: {ratePerSecond: 50, burst: 100}
 *   trackedSources: 4096
 *   refusalAuditInterval: 1m
 * }</pre>
 * Relative paths are resolved against the config file's directory. Unknown keys are errors (a typo must not
 * silently fall back to a default); every problem is reported with its key.
 *
 * @param clusterSet      the cluster set, DNS-1123 subdomain
 * @param dataDir         where the member keeps what only the hub decides
 * @param hazelcastConfig a Hazelcast YAML file to start the member from, or null to build one from {@code hazelcast}
 */
public record HubConfig(String clusterSet, Api api, Management management, Path dataDir, Ca ca, Path hazelcastConfig,
                        Hazelcast hazelcast, Duration leaseDuration, Duration joinTokenTtl, Duration certificateValidity,
                        Path auditPath, Planning planning, Duration watchHeartbeatInterval, Sealing sealing,
                        Join join) {

    /** Largest config file read. */
    public static final int DEFAULT_MAX_CONFIG_BYTES = 256 * 1024;
    /** Default API port (the chart's container port). */
    public static final int DEFAULT_API_PORT = 8443;
    /** Default management port. */
    public static final int DEFAULT_MANAGEMENT_PORT = 9090;
    /** Default Hazelcast member port. */
    public static final int DEFAULT_HAZELCAST_PORT = 5701;
    /**
     * Default address of the management port: loopback, because it is plain HTTP without authentication; the
     * chart binds the pod's address instead, and {@code 0.0.0.0} is only ever used when configured.
     */
    public static final String DEFAULT_MANAGEMENT_HOST = "127.0.0.1";
    /** Default address of the API: every interface, since agents of other clusters dial it (mutual TLS). */
    public static final String DEFAULT_API_HOST = "0.0.0.0";

    private static final Range LISTEN_PORT = new Range("a port (0 picks a free one)", 0, 65535);
    private static final Range LEASE_SECONDS = new Range("a lease duration in seconds", 1, 86_400);
    private static final Range HISTORY = new Range("a history size", 1, 1024);
    private static final Range SWITCHES = new Range("a transit switch count", 1, PlanningInput.MAX_TRANSIT_SWITCHES);
    private static final Range JOIN_BODY = new Range("a join body bound in bytes", 1024, HubApi.DEFAULT_MAX_BODY_BYTES);
    private static final Range IN_FLIGHT = new Range("a count of joins in flight", 1, 10_000);
    private static final Range RATE = new Range("a rate in requests per second", 1, 1_000_000);
    private static final Range BURST = new Range("a burst in requests", 1, 1_000_000);
    private static final Range SOURCES = new Range("a count of tracked sources", 16, 1_000_000);
    private static final TextRule PATH = TextRule.maxLength(4096);
    private static final TextRule DURATION = GoDuration::problem;
    private static final Pattern MEMBER = Pattern.compile("(\\[[0-9a-fA-F:]+\\]|[^:\\[\\]]+):(\\d{1,5})");
    private static final TextRule MEMBER_ADDRESS = value -> MEMBER.matcher(value).matches() ? null
            : "\"" + value + "\" is not host:port";
    private static final TextRule PROPERTY_NAME = TextRule.pattern("a Hazelcast property name", 256, "hazelcast\\.[a-z0-9.\\-]+");

    /** A config with the default {@link Join} bounds. */
    public HubConfig(String clusterSet, Api api, Management management, Path dataDir, Ca ca, Path hazelcastConfig,
                     Hazelcast hazelcast, Duration leaseDuration, Duration joinTokenTtl, Duration certificateValidity,
                     Path auditPath, Planning planning, Duration watchHeartbeatInterval, Sealing sealing) {
        this(clusterSet, api, management, dataDir, ca, hazelcastConfig, hazelcast, leaseDuration, joinTokenTtl,
                certificateValidity, auditPath, planning, watchHeartbeatInterval, sealing, Join.DEFAULTS);
    }

    /**
     * This config with the management port bound to {@code host} (what {@code fedgate hub --management-host}
     * gives; the chart passes the pod's address).
     *
     * @throws HubConfigException when {@code host} is not an IP address or DNS name
     */
    public HubConfig withManagementHost(String host) {
        String problem = TextRule.HOST.problem(host);
        if (problem != null) {
            throw new HubConfigException(problem, List.of());
        }
        return new HubConfig(clusterSet, api, new Management(host, management.port()), dataDir, ca, hazelcastConfig,
                hazelcast, leaseDuration, joinTokenTtl, certificateValidity, auditPath, planning,
                watchHeartbeatInterval, sealing, join);
    }

    /**
     * The mutual-TLS API.
     *
     * @param host                address to bind
     * @param advertisedAddresses names and addresses clients dial; they go into the server certificate
     */
    public record Api(String host, int port, List<String> advertisedAddresses) {
        public Api {
            advertisedAddresses = List.copyOf(advertisedAddresses);
        }
    }

    /** The plain-HTTP management port ({@code /metrics}, {@code /healthz}, {@code /readyz}). */
    public record Management(String host, int port) {
    }

    /**
     * Bounds of the one anonymous route, {@code POST /v1/join}, so that callers without a certificate cannot
     * exhaust a member's memory, event loops or audit log. They apply before the body is read.
     *
     * @param maxBodyBytes         largest join body read: a larger {@code Content-Length} is answered 413 before
     *                             reading, a streamed body is cut (413) at this many bytes. Default
     *                             {@link HubDocuments#MAX_JOIN_REQUEST_BYTES}
     * @param maxInFlight          joins this member handles at once; more are answered 503 with
     *                             {@code Retry-After}. Default 32
     * @param bodyTimeout          how long a join body may take to arrive (a slow sender holds a slot); then 408.
     *                             Default 10s
     * @param perSource            token bucket per source address; above it 429 with {@code Retry-After}.
     *                             Default 2/s, burst 10
     * @param global               token bucket over all sources of this member; above it 429. Default 50/s,
     *                             burst 100
     * @param trackedSources       most source addresses with a bucket of their own (the least recently seen is
     *                             forgotten first, so many sources cannot exhaust the limiter). Default 4096
     * @param refusalAuditInterval refused joins are audited as one record per source per interval with the
     *                             count, never one record each. Default 1m
     */
    public record Join(int maxBodyBytes, int maxInFlight, Duration bodyTimeout, Rate perSource, Rate global,
                       int trackedSources, Duration refusalAuditInterval) {
        /** The documented defaults. */
        public static final Join DEFAULTS = new Join(HubDocuments.MAX_JOIN_REQUEST_BYTES, 32, Duration.ofSeconds(10),
                new Rate(2, 10), new Rate(50, 100), 4096, Duration.ofMinutes(1));
    }

    /** A token bucket: {@code burst} requests at once, refilled at {@code ratePerSecond}. */
    public record Rate(int ratePerSecond, int burst) {
    }

    /** A CA the operator provides (PEM certificate and PKCS#8 key), instead of one the hub generates. */
    public record Ca(Path certFile, Path keyFile) {
    }

    /**
     * The embedded Hazelcast member when no {@code hazelcastConfig} file is given: TCP-IP join only.
     *
     * @param host       the interface to bind and advertise
     * @param members    {@code host:port} of every member, this one included
     * @param properties Hazelcast properties, e.g. {@code hazelcast.max.no.heartbeat.seconds}
     */
    public record Hazelcast(String clusterName, String host, int port, List<String> members,
                            Map<String, String> properties) {
        public Hazelcast {
            members = List.copyOf(members);
            properties = Map.copyOf(properties);
        }
    }

    /**
     * Re-planning.
     *
     * @param debounce           how long to gather changes before planning
     * @param historySize        plan versions kept per cluster for resuming watches
     * @param transitSwitchCount OVN-IC transit switches to plan
     */
    public record Planning(Duration debounce, int historySize, int transitSwitchCount) {
    }

    /**
     * How the state the hub keeps in Hazelcast is sealed.
     *
     * @param keyFile the sealing keys, {@code <id>:<base64 of 32 bytes>} per line, the first one sealing
     *                ({@code io.fedgate.hub.internal.sealing.SealingKeys}); every member needs the same file,
     *                reloaded while running when it changes
     */
    public record Sealing(Path keyFile) {
        /**
         * Sealing with {@code file}, first writing one fresh key there when it does not exist: for local, demo
         * and test hubs (a real hub's members share a key file the operator provides).
         */
        public static Sealing generatedAt(Path file) throws IOException {
            return new Sealing(io.fedgate.hub.internal.sealing.SealingKeys.createIfAbsent(file));
        }
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws HubConfigException naming the file and every problem with its key
     */
    public static HubConfig load(Path file) {
        byte[] yaml;
        try (var in = Files.newInputStream(file)) {
            yaml = in.readNBytes(DEFAULT_MAX_CONFIG_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new HubConfigException(file + ": no such file", List.of());
        } catch (IOException e) {
            throw new HubConfigException(file + ": cannot read: " + e.getMessage(), List.of());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(yaml, base, file.toString());
    }

    /**
     * Checks a config given as YAML bytes; relative paths resolve against {@code baseDir}.
     *
     * @param source how to name the document in messages (the file name)
     * @throws HubConfigException listing every problem with its key
     */
    public static HubConfig parse(byte[] yaml, Path baseDir, String source) {
        DocumentCodec<HubConfig> codec = DocumentCodec.of(source, f -> read(f, baseDir))
                .withMapper(FederationJson.yamlMapper())
                .withUnknownFields(UnknownFields.REPORT)
                .withMaxDocumentBytes(DEFAULT_MAX_CONFIG_BYTES);
        try {
            return codec.decode(yaml);
        } catch (InvalidDocumentException e) {
            throw new HubConfigException(e.getMessage(), e.problems());
        }
    }

    private static HubConfig read(ObjectFields f, Path base) {
        String clusterSet = f.requiredText("clusterSet", TextRule.DNS_SUBDOMAIN);
        Api api = f.has("api") ? f.object("api", HubConfig::api) : new Api(DEFAULT_API_HOST, DEFAULT_API_PORT, List.of());
        Management management = f.has("management") ? f.object("management", HubConfig::management)
                : new Management(DEFAULT_MANAGEMENT_HOST, DEFAULT_MANAGEMENT_PORT);
        Path dataDir = path(f.requiredText("dataDir", PATH), base);
        Ca ca = f.object("ca", c -> ca(c, base));
        Path hazelcastConfig = path(f.text("hazelcastConfig", PATH), base);
        Hazelcast hazelcast = f.has("hazelcast") ? f.object("hazelcast", HubConfig::hazelcast) : null;
        if (hazelcastConfig != null && hazelcast != null) {
            f.problem("hazelcast", "give either hazelcastConfig (a Hazelcast YAML file) or hazelcast, not both");
        }
        if (hazelcast == null) {
            hazelcast = new Hazelcast("fedgate", "127.0.0.1", DEFAULT_HAZELCAST_PORT,
                    List.of("127.0.0.1:" + DEFAULT_HAZELCAST_PORT), Map.of());
        }
        Duration lease = Duration.ofSeconds(f.has("leases")
                ? f.object("leases", l -> l.integer("durationSeconds", LEASE_SECONDS, 15)) : 15);
        Duration tokenTtl = duration(f, "joinTokens", "ttl", "24h");
        Duration validity = duration(f, "certificates", "validity", "720h");
        Path audit = f.has("audit") ? path(f.object("audit", a -> a.requiredText("path", PATH)), base) : null;
        Planning planning = f.has("planning") ? f.object("planning", HubConfig::planning) : defaultPlanning();
        Duration heartbeat = duration(f, "watch", "heartbeatInterval", "5s");
        Sealing sealing = f.has("sealing") ? f.object("sealing", s -> new Sealing(path(s.requiredText("keyFile", PATH),
                base))) : null;
        if (!f.has("sealing")) {
            f.problem("sealing", "required: sealing.keyFile, the file of keys that seal the hub's Hazelcast state "
                    + "(the same on every member)");
        }
        Join join = f.has("join") ? f.object("join", HubConfig::join) : Join.DEFAULTS;
        if (dataDir != null && audit == null) {
            audit = dataDir.resolve("audit").resolve("audit.log");
        }
        return new HubConfig(clusterSet, api, management, dataDir, ca, hazelcastConfig, hazelcast, lease, tokenTtl,
                validity, audit, planning, heartbeat, sealing, join);
    }

    private static Api api(ObjectFields f) {
        return new Api(f.has("host") ? f.requiredText("host", TextRule.HOST) : DEFAULT_API_HOST,
                f.integer("port", LISTEN_PORT, DEFAULT_API_PORT),
                f.list("advertisedAddresses", 64, n -> n.text(TextRule.HOST)));
    }

    private static Management management(ObjectFields f) {
        return new Management(f.has("host") ? f.requiredText("host", TextRule.HOST) : DEFAULT_MANAGEMENT_HOST,
                f.integer("port", LISTEN_PORT, DEFAULT_MANAGEMENT_PORT));
    }

    private static Join join(ObjectFields f) {
        Join d = Join.DEFAULTS;
        return new Join(f.integer("maxBodyBytes", JOIN_BODY, d.maxBodyBytes()),
                f.integer("maxInFlight", IN_FLIGHT, d.maxInFlight()),
                positiveDuration(f, "bodyTimeout", d.bodyTimeout()),
                f.has("perSource") ? f.object("perSource", r -> rate(r, d.perSource())) : d.perSource(),
                f.has("global") ? f.object("global", r -> rate(r, d.global())) : d.global(),
                f.integer("trackedSources", SOURCES, d.trackedSources()),
                positiveDuration(f, "refusalAuditInterval", d.refusalAuditInterval()));
    }

    private static Rate rate(ObjectFields f, Rate defaults) {
        return new Rate(f.integer("ratePerSecond", RATE, defaults.ratePerSecond()),
                f.integer("burst", BURST, defaults.burst()));
    }

    private static Ca ca(ObjectFields f, Path base) {
        return new Ca(path(f.requiredText("certFile", PATH), base), path(f.requiredText("keyFile", PATH), base));
    }

    private static Hazelcast hazelcast(ObjectFields f) {
        String host = f.has("host") ? f.requiredText("host", TextRule.HOST) : "127.0.0.1";
        int port = f.integer("port", Range.PORT, DEFAULT_HAZELCAST_PORT);
        List<String> members = f.has("members") ? f.nonEmptyList("members", 64, n -> n.text(MEMBER_ADDRESS))
                : List.of(host + ":" + port);
        return new Hazelcast(f.has("clusterName") ? f.requiredText("clusterName", TextRule.DNS_SUBDOMAIN) : "fedgate",
                host, port, members, f.map("properties", 64, PROPERTY_NAME, n -> n.text(TextRule.TEXT)));
    }

    private static Planning planning(ObjectFields f) {
        Planning defaults = defaultPlanning();
        return new Planning(f.has("debounce") ? GoDuration.parse(orZero(f.requiredText("debounce", DURATION)))
                : defaults.debounce(), f.integer("historySize", HISTORY, defaults.historySize()),
                f.integer("transitSwitchCount", SWITCHES, defaults.transitSwitchCount()));
    }

    private static Planning defaultPlanning() {
        return new Planning(Duration.ofMillis(50), 32, PlanningInput.DEFAULT_TRANSIT_SWITCH_COUNT);
    }

    /** {@code section.key} as a duration, {@code defaultText} when absent; a zero duration is refused. */
    private static Duration duration(ObjectFields f, String section, String key, String defaultText) {
        if (!f.has(section)) {
            return GoDuration.parse(defaultText);
        }
        Duration value = f.object(section, s -> positiveDuration(s, key, GoDuration.parse(defaultText)));
        return value == null ? Duration.ZERO : value;
    }

    /** {@code key} as a duration longer than zero, {@code defaultValue} when absent. */
    private static Duration positiveDuration(ObjectFields s, String key, Duration defaultValue) {
        if (!s.has(key)) {
            return defaultValue;
        }
        String text = s.requiredText(key, DURATION);
        Duration parsed = text == null ? Duration.ZERO : GoDuration.parse(text);
        if (text != null && parsed.isZero()) {
            s.problem(key, "\"" + text + "\" must be longer than zero");
        }
        return parsed;
    }

    private static String orZero(String text) {
        return text == null ? "0s" : text;
    }

    private static Path path(String text, Path base) {
        if (text == null) {
            return null;
        }
        Path path = Path.of(text);
        return path.isAbsolute() || base == null ? path : base.resolve(path);
    }
}
