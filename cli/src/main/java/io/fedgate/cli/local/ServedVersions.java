package io.fedgate.cli.local;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves every version of a CustomResourceDefinition from one store, as kube-apiserver does for a CRD whose
 * conversion strategy is None: an object written under any served version is stored in the storage version and
 * read under any served version, and only its {@code apiVersion} differs. fabric8's CRUD store keys objects by the
 * version in the request path, so without this an object created as {@code v1alpha1} would be invisible under
 * {@code v1beta1}. {@link #conversion} tells whether a request path names a served version other than the storage
 * version; its {@link Conversion} rewrites the request to the storage version and the response back to the version
 * asked for (single objects, list items and the events of a watch). The versions come from the CRDs the server
 * stores at the time of the request; nothing here knows a particular CRD.
 */
final class ServedVersions {
    // plain JSON, no Kubernetes typing: bodies are rewritten as trees of maps and lists, everything else kept
    private static final JsonMapper JSON = JsonMapper.shared();

    private final Supplier<List<CustomResourceDefinition>> crds;

    /** @param crds the CustomResourceDefinitions the API server holds now; asked for each custom resource request */
    ServedVersions(Supplier<List<CustomResourceDefinition>> crds) {
        this.crds = crds;
    }

    /**
     * The conversion a request for {@code path} needs: present when the path is a custom resource's (a collection,
     * an object or its subresource, of {@code /apis/<group>/<version>/[namespaces/<ns>/]<plural>...}) under a served
     * version that is not the CRD's storage version, and the CRD converts with strategy None.
     */
    Optional<Conversion> conversion(String path) {
        int query = path.indexOf('?');
        String[] segments = (query < 0 ? path : path.substring(0, query)).split("/");
        // "", "apis", group, version, then [namespaces, ns,] plural, ...
        if (segments.length < 5 || !segments[0].isEmpty() || !"apis".equals(segments[1])) {
            return Optional.empty();
        }
        boolean namespaced = "namespaces".equals(segments[4]);
        if (namespaced && segments.length < 7) {
            return Optional.empty();
        }
        String group = segments[2];
        String version = segments[3];
        String plural = segments[namespaced ? 6 : 4];
        for (CustomResourceDefinition crd : crds.get()) {
            CustomResourceDefinitionSpec spec = crd.getSpec();
            if (spec == null || !group.equals(spec.getGroup()) || spec.getNames() == null
                    || !plural.equals(spec.getNames().getPlural()) || spec.getVersions() == null) {
                continue;
            }
            return storageVersion(spec).filter(storage -> !storage.equals(version) && served(spec, version)
                    && convertsByApiVersionOnly(spec.getConversion()))
                    .map(storage -> new Conversion(group, version, storage));
        }
        return Optional.empty();
    }

    private static Optional<String> storageVersion(CustomResourceDefinitionSpec spec) {
        return spec.getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage()))
                .map(CustomResourceDefinitionVersion::getName).findFirst();
    }

    private static boolean served(CustomResourceDefinitionSpec spec, String version) {
        return spec.getVersions().stream()
                .anyMatch(v -> version.equals(v.getName()) && Boolean.TRUE.equals(v.getServed()));
    }

    // a Webhook strategy would need the CRD's own webhook; None (the default when unset) only rewrites apiVersion
    private static boolean convertsByApiVersionOnly(CustomResourceConversion conversion) {
        return conversion == null || conversion.getStrategy() == null || "None".equals(conversion.getStrategy());
    }

    /** One request's way to the storage version and back: group, the version asked for and the storage version. */
    final class Conversion {
        private final String requested;
        private final String stored;
        private final String requestedPrefix;
        private final String storedPrefix;

        private Conversion(String group, String requestedVersion, String storageVersion) {
            this.requested = group + "/" + requestedVersion;
            this.stored = group + "/" + storageVersion;
            this.requestedPrefix = "/apis/" + requested + "/";
            this.storedPrefix = "/apis/" + stored + "/";
        }

        /** The {@code apiVersion} the client asked for: {@code <group>/<version>}. */
        String requestedApiVersion() {
            return requested;
        }

        /** The {@code apiVersion} objects are stored in: {@code <group>/<storage version>}. */
        String storedApiVersion() {
            return stored;
        }

        /**
         * {@code request} addressed to the storage version: its path, and an {@code apiVersion} of the requested
         * version in its body (an object, or a JSON patch operation that sets {@code /apiVersion}); headers, query
         * and every other byte stay as they are.
         */
        RecordedRequest toStorage(RecordedRequest request) {
            String path = storedPrefix + request.getPath().substring(requestedPrefix.length());
            byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
            return new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(),
                    new Buffer(rewrite(body, requested, stored)));
        }

        /**
         * {@code response} as the requested version: the {@code apiVersion} of the object, of a list and its items,
         * or, for a watch, of every event's object. The response is changed in place and returned.
         */
        MockResponse toRequested(MockResponse response) {
            if (response.getWebSocketListener() != null) {
                return response.withWebSocketUpgrade(new RequestedVersionListener(response.getWebSocketListener()));
            }
            if (response.getBody() != null && response.getBody().size() > 0) {
                response.setBody(new Buffer(rewrite(response.getBody().getBytes(), stored, requested)));
            }
            return response;
        }

        private byte[] rewrite(byte[] json, String from, String to) {
            int first = firstNonBlank(json);
            if (first < 0 || (json[first] != '{' && json[first] != '[')) {
                return json;
            }
            try {
                Object tree = JSON.readValue(json, Object.class);
                Object rewritten = rewrite(tree, from, to);
                return rewritten == tree ? json : JSON.writeValueAsBytes(rewritten);
            } catch (JacksonException e) {
                // not JSON after all: handed on unchanged, for the store to answer as it would without conversion
                return json;
            }
        }

        /**
         * {@code tree} with the {@code apiVersion} {@code from} replaced by {@code to}: of an object, of the items of
         * a list ({@code kind: ...List}), of the object of a watch event ({@code type} and {@code object}), or of a
         * JSON patch operation on {@code /apiVersion}. {@code tree} itself when there is nothing to replace.
         */
        private Object rewrite(Object tree, String from, String to) {
            if (tree instanceof List<?> operations) {
                return rewritePatch(operations, from, to);
            }
            if (!(tree instanceof Map<?, ?> map)) {
                return tree;
            }
            String nested = map.get("kind") instanceof String kind && kind.endsWith("List") ? "items"
                    : !map.containsKey("kind") && map.containsKey("type") ? "object" : null;
            Object value = nested == null ? null : map.get(nested);
            Object rewrittenValue = value instanceof List<?> items ? rewriteEach(items, from, to)
                    : value instanceof Map<?, ?> ? rewrite(value, from, to) : value;
            boolean apiVersion = from.equals(map.get("apiVersion"));
            if (!apiVersion && rewrittenValue == value) {
                return tree;
            }
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            if (apiVersion) {
                copy.put("apiVersion", to);
            }
            if (rewrittenValue != value) {
                copy.put(nested, rewrittenValue);
            }
            return copy;
        }

        private Object rewriteEach(List<?> items, String from, String to) {
            List<Object> copy = new ArrayList<>(items.size());
            boolean changed = false;
            for (Object item : items) {
                Object rewritten = rewrite(item, from, to);
                changed |= rewritten != item;
                copy.add(rewritten);
            }
            return changed ? copy : items;
        }

        // RFC 6902 operations: only one that writes /apiVersion carries a version
        private Object rewritePatch(List<?> operations, String from, String to) {
            List<Object> copy = new ArrayList<>(operations.size());
            boolean changed = false;
            for (Object operation : operations) {
                if (operation instanceof Map<?, ?> op && "/apiVersion".equals(op.get("path"))
                        && from.equals(op.get("value"))) {
                    Map<Object, Object> rewritten = new LinkedHashMap<>(op);
                    rewritten.put("value", to);
                    copy.add(rewritten);
                    changed = true;
                } else {
                    copy.add(operation);
                }
            }
            return changed ? copy : operations;
        }

        private static int firstNonBlank(byte[] json) {
            for (int i = 0; i < json.length; i++) {
                if (!Character.isWhitespace(json[i])) {
                    return i;
                }
            }
            return -1;
        }

        /** A watch's listener whose socket sends every event with the requested version. */
        private final class RequestedVersionListener extends WebSocketListener {
            private final WebSocketListener delegate;
            private volatile RequestedVersionSocket socket;

            private RequestedVersionListener(WebSocketListener delegate) {
                this.delegate = delegate;
            }

            // the watch keeps the socket it is given on open and sends on it later: always hand it the same wrapper
            private WebSocket wrap(WebSocket webSocket) {
                RequestedVersionSocket current = socket;
                if (current == null || current.delegate != webSocket) {
                    current = new RequestedVersionSocket(webSocket);
                    socket = current;
                }
                return current;
            }

            @Override
            public void onBeforeAccept(WebSocket webSocket, Response response) {
                delegate.onBeforeAccept(wrap(webSocket), response);
            }

            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                delegate.onOpen(wrap(webSocket), response);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                delegate.onMessage(wrap(webSocket), text);
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteString bytes) {
                delegate.onMessage(wrap(webSocket), bytes);
            }

            @Override
            public void onMessage(WebSocket webSocket, byte[] bytes) {
                delegate.onMessage(wrap(webSocket), bytes);
            }

            @Override
            public void onPing(WebSocket webSocket, byte[] bytes) {
                delegate.onPing(wrap(webSocket), bytes);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                delegate.onClosing(wrap(webSocket), code, reason);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                delegate.onClosed(wrap(webSocket), code, reason);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
                delegate.onFailure(wrap(webSocket), failure, response);
            }
        }

        /** A watch's socket that rewrites each event on its way to the client. */
        private final class RequestedVersionSocket implements WebSocket {
            private final WebSocket delegate;

            private RequestedVersionSocket(WebSocket delegate) {
                this.delegate = Objects.requireNonNull(delegate, "webSocket");
            }

            @Override
            public RecordedRequest request() {
                return delegate.request();
            }

            @Override
            public boolean send(String text) {
                return delegate.send(new String(rewrite(text.getBytes(StandardCharsets.UTF_8), stored, requested),
                        StandardCharsets.UTF_8));
            }

            @Override
            public boolean send(byte[] bytes) {
                return delegate.send(rewrite(bytes, stored, requested));
            }

            @Override
            public boolean close(int code, String reason) {
                return delegate.close(code, reason);
            }
        }
    }
}
