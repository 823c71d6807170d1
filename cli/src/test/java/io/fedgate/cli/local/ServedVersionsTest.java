package io.fedgate.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ServedVersionsTest {
    private static final String ALPHA = "multicluster.x-k8s.io/v1alpha1";
    private static final String BETA = "multicluster.x-k8s.io/v1beta1";
    private static final String EXPORTS = "/namespaces/bank/serviceexports";

    private final List<CustomResourceDefinition> stored = new ArrayList<>();
    private final ServedVersions served = new ServedVersions(() -> stored);

    @Test
    void onlyAServedVersionOtherThanTheStorageVersionIsConverted() {
        stored.add(crd("serviceexports", "Namespaced", null));
        stored.add(crd("clustersets", "Cluster", null));

        assertThat(served.conversion("/apis/" + ALPHA + EXPORTS)).hasValueSatisfying(c -> {
            assertThat(c.requestedApiVersion()).isEqualTo(ALPHA);
            assertThat(c.storedApiVersion()).isEqualTo(BETA);
        });
        assertThat(served.conversion("/apis/" + ALPHA + EXPORTS + "/web/status?fieldManager=fedgate")).isPresent();
        assertThat(served.conversion("/apis/" + ALPHA + "/clustersets/set?watch=true")).isPresent();
        assertThat(served.conversion("/apis/" + BETA + EXPORTS)).as("the storage version").isEmpty();
        assertThat(served.conversion("/apis/multicluster.x-k8s.io/v1" + EXPORTS)).as("no such version").isEmpty();
        assertThat(served.conversion("/apis/" + ALPHA + "/namespaces/bank/serviceimports")).as("no such CRD").isEmpty();
        assertThat(served.conversion("/apis/" + ALPHA)).as("discovery").isEmpty();
        assertThat(served.conversion("/apis/" + ALPHA + "/namespaces/bank")).isEmpty();
        assertThat(served.conversion("/api/v1/namespaces/bank/services")).isEmpty();
    }

    @Test
    void anUnservedVersionOrAWebhookConversionIsLeftToTheStore() {
        CustomResourceDefinition unserved = crd("serviceexports", "Namespaced", null);
        unserved.getSpec().getVersions().get(0).setServed(false);
        stored.add(unserved);
        stored.add(crd("serviceimports", "Namespaced", "Webhook"));

        assertThat(served.conversion("/apis/" + ALPHA + EXPORTS)).isEmpty();
        assertThat(served.conversion("/apis/" + ALPHA + "/namespaces/bank/serviceimports")).isEmpty();
    }

    @Test
    void requestGoesToTheStorageVersionWithItsApiVersionAndNothingElseChanged() {
        ServedVersions.Conversion conversion = alphaOfExports();
        String body = "{\"apiVersion\":\"" + ALPHA + "\",\"kind\":\"ServiceExport\",\"metadata\":{\"name\":\"web\","
                + "\"annotations\":{\"note\":\"" + ALPHA + "\"}},\"spec\":{\"exportedLabels\":{\"tier\":\"1\"}}}";

        RecordedRequest converted = conversion.toStorage(request(HttpMethod.POST, "/apis/" + ALPHA + EXPORTS
                + "?fieldManager=fedgate", body));

        assertThat(converted.getPath()).isEqualTo("/apis/" + BETA + EXPORTS + "?fieldManager=fedgate");
        assertThat(converted.method()).isEqualTo(HttpMethod.POST);
        assertThat(converted.getHeader("Content-Type")).isEqualTo("application/json");
        Map<Object, Object> expected = new HashMap<>(json(body));
        expected.put("apiVersion", BETA);
        assertThat(json(converted.getBody().getBytes())).as("the annotation naming v1alpha1 stays").isEqualTo(expected);
    }

    @Test
    void patchesKeepTheirBytesUnlessTheyWriteTheApiVersion() {
        ServedVersions.Conversion conversion = alphaOfExports();
        String merge = "{\"status\":{\"conditions\":[{\"type\":\"Valid\",\"status\":\"True\"}]}}";
        String jsonPatch = "[{\"op\":\"replace\",\"path\":\"/apiVersion\",\"value\":\"" + ALPHA + "\"},"
                + "{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"a\":\"b\"}}]";
        String yamlApply = "apiVersion: " + ALPHA + "\nkind: ServiceExport\n";

        assertThat(bodyOf(conversion.toStorage(request(HttpMethod.PATCH, "/apis/" + ALPHA + EXPORTS + "/web/status",
                merge)))).isEqualTo(merge);
        assertThat(JsonMapper.shared().readValue(conversion.toStorage(request(HttpMethod.PATCH, "/apis/" + ALPHA
                + EXPORTS + "/web", jsonPatch)).getBody().getBytes(), List.class))
                .isEqualTo(JsonMapper.shared().readValue(jsonPatch.replace(ALPHA, BETA), List.class));
        assertThat(bodyOf(conversion.toStorage(request(HttpMethod.PATCH, "/apis/" + ALPHA + EXPORTS + "/web",
                yamlApply)))).as("not JSON: the store answers it as without conversion").isEqualTo(yamlApply);
        assertThat(bodyOf(conversion.toStorage(request(HttpMethod.GET, "/apis/" + ALPHA + EXPORTS, "")))).isEmpty();
    }

    @Test
    void objectsAndListItemsComeBackInTheRequestedVersion() {
        ServedVersions.Conversion conversion = alphaOfExports();
        String object = "{\"apiVersion\":\"" + BETA + "\",\"kind\":\"ServiceExport\",\"metadata\":{\"name\":\"web\"}}";
        String list = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"7\"},"
                + "\"items\":[" + object + "," + object.replace("web", "ledger") + "]}";
        String status = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":404}";

        assertThat(json(response(conversion, object)).get("apiVersion")).isEqualTo(ALPHA);
        Map<?, ?> items = json(response(conversion, list));
        assertThat(items.get("apiVersion")).as("fabric8's own list stays as it is").isEqualTo("v1");
        assertThat((List<?>) items.get("items")).extracting(item -> (Object) ((Map<?, ?>) item).get("apiVersion"))
                .containsExactly(ALPHA, ALPHA);
        assertThat(new String(response(conversion, status), StandardCharsets.UTF_8)).isEqualTo(status);
    }

    @Test
    void watchEventsComeBackInTheRequestedVersionOnTheSocketTheWatchKeeps() {
        ServedVersions.Conversion conversion = alphaOfExports();
        RecordingWatch watch = new RecordingWatch();
        RecordingSocket socket = new RecordingSocket();
        String event = "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"" + BETA + "\",\"kind\":\"ServiceExport\","
                + "\"metadata\":{\"name\":\"web\"}}}";

        MockResponse upgraded = conversion.toRequested(new MockResponse().withWebSocketUpgrade(watch));
        upgraded.getWebSocketListener().onOpen(socket, null);
        watch.opened.get(0).send(event);
        upgraded.getWebSocketListener().onClosed(socket, 1000, "done");

        assertThat(socket.sent).singleElement().satisfies(sent -> {
            Map<?, ?> parsed = json(sent.getBytes(StandardCharsets.UTF_8));
            assertThat(parsed.get("type")).isEqualTo("ADDED");
            assertThat(((Map<?, ?>) parsed.get("object")).get("apiVersion")).isEqualTo(ALPHA);
        });
        assertThat(watch.closed).as("one wrapper per socket").containsExactly(watch.opened.get(0));
    }

    private ServedVersions.Conversion alphaOfExports() {
        stored.add(crd("serviceexports", "Namespaced", "None"));
        return served.conversion("/apis/" + ALPHA + EXPORTS).orElseThrow();
    }

    private static byte[] response(ServedVersions.Conversion conversion, String body) {
        return conversion.toRequested(new MockResponse().setResponseCode(200).setBody(body)).getBody().getBytes();
    }

    private static RecordedRequest request(HttpMethod method, String path, String body) {
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        return new RecordedRequest("HTTP/1.1", method, path, headers,
                new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String bodyOf(RecordedRequest request) {
        return new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private static Map<?, ?> json(byte[] json) {
        return JsonMapper.shared().readValue(json, Map.class);
    }

    private static Map<?, ?> json(String json) {
        return json(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A CRD of the MCS group serving v1alpha1 and v1beta1 (stored), with {@code conversion} as its strategy. */
    private static CustomResourceDefinition crd(String plural, String scope, String conversion) {
        var builder = new CustomResourceDefinitionBuilder().withNewMetadata()
                .withName(plural + ".multicluster.x-k8s.io").endMetadata().withNewSpec()
                .withGroup("multicluster.x-k8s.io").withScope(scope)
                .withNewNames().withPlural(plural).withKind("Kind").endNames()
                .addNewVersion().withName("v1alpha1").withServed(true).withStorage(false).endVersion()
                .addNewVersion().withName("v1beta1").withServed(true).withStorage(true).endVersion();
        if (conversion != null) {
            builder = builder.withNewConversion().withStrategy(conversion).endConversion();
        }
        return builder.endSpec().build();
    }

    /** Stands in for fabric8's watch listener: keeps the socket it was opened with and sends on it later. */
    private static final class RecordingWatch extends WebSocketListener {
        private final List<WebSocket> opened = new CopyOnWriteArrayList<>();
        private final List<WebSocket> closed = new CopyOnWriteArrayList<>();

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened.add(webSocket);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            closed.add(webSocket);
        }
    }

    /** The client's end of a watch: what was sent to it. */
    private static final class RecordingSocket implements WebSocket {
        private final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public RecordedRequest request() {
            return null;
        }

        @Override
        public boolean send(String text) {
            sent.add(text);
            return true;
        }

        @Override
        public boolean send(byte[] bytes) {
            return send(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public boolean close(int code, String reason) {
            return true;
        }
    }
}
