package io.fedgate.cli.local;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;

/**
 * Routes a simulated API server's requests: API discovery (from {@link ApiDiscovery}), {@code /version} and empty
 * OpenAPI documents are answered here, everything else by fabric8's CRUD dispatcher. That is what kubectl needs
 * before it sends its first real request. Strategic merge patches, which kubectl's client-side apply sends for
 * built-in kinds and fabric8's dispatcher refuses, are applied here ({@link StrategicMergePatch}) and stored as an
 * update. Requests for a custom resource under a served version other than its CRD's storage version go to the
 * storage version and their responses come back in the version asked for ({@link ServedVersions}), so that every
 * served version shows the same objects.
 */
final class DiscoveryDispatcher extends Dispatcher {
    /** What {@code /version} says: a recent Kubernetes, so kubectl does not warn about version skew. */
    static final Map<String, String> VERSION = Map.of("major", "1", "minor", "32",
            "gitVersion", "v1.32.0-fedgate-simulated", "platform", "linux/amd64");
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final Pattern NAMED_GROUP = Pattern.compile("/apis/([^/]+)(?:/([^/]+))?/?");
    private static final String JSON = "application/json";
    private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    // what kube-openapi answers for the protobuf v2 document; the '@' of the Accept type is no valid Content-Type
    private static final String OPENAPI_V2_PROTOBUF = "application/octet-stream";

    private final KubernetesCrudDispatcher crud;
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final ApiDiscovery discovery = new ApiDiscovery(this::storedCrds);
    private final ServedVersions servedVersions = new ServedVersions(this::storedCrds);
    // CRD writes seen so far: the parsed CRDs are read again only after one, not on every custom resource request
    private final AtomicLong crdWrites = new AtomicLong();
    private volatile StoredCrds crdCache = new StoredCrds(-1, List.of());

    private final ServiceAllocation services;

    /** @param services what kube-apiserver adds to a Service on create (cluster IPs, defaults) */
    DiscoveryDispatcher(KubernetesCrudDispatcher crud, ServiceAllocation services) {
        this.crud = crud;
        this.services = services;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Optional<ServedVersions.Conversion> conversion = servedVersions.conversion(request.getPath());
        if (conversion.isPresent()) {
            return conversion.get().toRequested(route(conversion.get().toStorage(request)));
        }
        MockResponse response = route(services.onCreate(request));
        if (!"GET".equals(request.getMethod()) && request.getPath().startsWith(CRDS)) {
            crdWrites.incrementAndGet();
        }
        return response;
    }

    private MockResponse route(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        String contentType = request.getHeader("Content-Type");
        if ("PATCH".equals(request.getMethod()) && contentType != null
                && contentType.startsWith(STRATEGIC_MERGE_PATCH)) {
            return strategicMergePatch(request, path);
        }
        if (!"GET".equals(request.getMethod())) {
            return crud.dispatch(request);
        }
        return switch (path) {
            // kubectl asks for aggregated discovery first; a plain APIVersions / APIGroupList makes it fall back
            case "/api", "/api/" -> json(discovery.coreVersions());
            case "/apis", "/apis/" -> json(discovery.groups());
            case "/api/v1", "/api/v1/" -> found(discovery.resources("", "v1"));
            case "/version" -> json(VERSION);
            // no paths: kubectl then validates on its side against a schema that knows no kind, so it accepts all
            case "/openapi/v3" -> json(Map.of("paths", Map.of()));
            // an empty protobuf message is an empty OpenAPI v2 document
            case "/openapi/v2" -> new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK)
                    .setHeader("Content-Type", OPENAPI_V2_PROTOBUF).setBody(new byte[0]);
            default -> namedGroup(path).orElseGet(() -> crud.dispatch(request));
        };
    }

    private MockResponse strategicMergePatch(RecordedRequest request, String path) {
        MockResponse live = crud.handleGet(path);
        if (live.code() != HttpURLConnection.HTTP_OK) {
            return live;
        }
        Map<String, Object> merged = StrategicMergePatch.apply(serialization.unmarshal(live.getBody().readUtf8(),
                OBJECT), serialization.unmarshal(request.getUtf8Body(), OBJECT));
        return crud.handleUpdate(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, request.getPath(),
                request.getHeaders(), new Buffer(serialization.asJson(merged).getBytes(StandardCharsets.UTF_8))));
    }

    private Optional<MockResponse> namedGroup(String path) {
        Matcher m = NAMED_GROUP.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(2) == null ? found(discovery.group(m.group(1)))
                : found(discovery.resources(m.group(1), m.group(2))));
    }

    private List<CustomResourceDefinition> storedCrds() {
        long writes = crdWrites.get();
        StoredCrds cached = crdCache;
        if (cached.writes() == writes) {
            return cached.crds();
        }
        // tagged with the count read before: a write that lands meanwhile makes the next call read again
        List<CustomResourceDefinition> crds = readCrds();
        crdCache = new StoredCrds(writes, crds);
        return crds;
    }

    private List<CustomResourceDefinition> readCrds() {
        MockResponse stored = crud.handleGet(CRDS);
        if (stored.code() != HttpURLConnection.HTTP_OK || stored.getBody() == null) {
            return List.of();
        }
        List<CustomResourceDefinition> items = serialization.unmarshal(stored.getBody().readUtf8(),
                CustomResourceDefinitionList.class).getItems();
        return items == null ? List.of() : List.copyOf(items);
    }

    private MockResponse found(Optional<?> document) {
        return document.map(this::json).orElseGet(() -> new MockResponse()
                .setResponseCode(HttpURLConnection.HTTP_NOT_FOUND).setHeader("Content-Type", JSON)
                .setBody(serialization.asJson(new StatusBuilder().withStatus("Failure").withReason("NotFound")
                        .withCode(HttpURLConnection.HTTP_NOT_FOUND)
                        .withMessage("the server could not find the requested resource").build())));
    }

    private MockResponse json(Object document) {
        return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setHeader("Content-Type", JSON)
                .setBody(serialization.asJson(document));
    }

    private record StoredCrds(long writes, List<CustomResourceDefinition> crds) {
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }

    @Override
    public void releaseResources() {
        crud.releaseResources();
    }
}
