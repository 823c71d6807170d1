package io.fedgate.hubclient.internal;

import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.IdentityVerifier;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.UntrustedPeerException;
import io.fedgate.hubclient.HubUnavailableException;
import io.fedgate.hubclient.protocol.HubApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * HTTP/2 over mutual TLS to a list of hub members, any of which serves any request. Calls go to the member
 * that answered last; when it fails (connection refused or reset, timeout, 503, or a server that is not a
 * hub), the next one is tried, until each has been tried once. Responses are read up to a bound and every
 * server must present the hub's SPIFFE identity ({@code spiffe://<set>/cluster/hub/hub}).
 */
public final class HubTransport {
    private static final int SERVICE_UNAVAILABLE = 503;

    private final List<URI> hubs;
    private final HttpClient http;
    private final IdentityVerifier hubVerifier;
    private final Duration requestTimeout;
    private final int maxResponseBytes;
    private final AtomicInteger preferred = new AtomicInteger();

    /**
     * @param hubs             base URLs of the hub members, e.g. {@code https://hub-0.example:8443}
     * @param sslContext       the client's TLS context
     * @param hubVerifier      verifies the server's certificate chain names a hub of the cluster set
     * @param connectTimeout   how long to wait for a TCP and TLS connection
     * @param requestTimeout   how long to wait for a response's headers
     * @param maxResponseBytes largest response body read
     */
    public HubTransport(List<URI> hubs, SSLContext sslContext, IdentityVerifier hubVerifier, Duration connectTimeout,
                        Duration requestTimeout, int maxResponseBytes) {
        if (hubs.isEmpty()) {
            throw new IllegalArgumentException("hubs: empty, give at least one hub URL");
        }
        for (int i = 0; i < hubs.size(); i++) {
            if (!"https".equals(hubs.get(i).getScheme()) || hubs.get(i).getHost() == null) {
                throw new IllegalArgumentException("hubs[" + i + "]: \"" + hubs.get(i)
                        + "\" is not an https://host:port URL");
            }
        }
        this.hubs = List.copyOf(hubs);
        this.hubVerifier = hubVerifier;
        this.requestTimeout = requestTimeout;
        this.maxResponseBytes = maxResponseBytes;
        SSLParameters parameters = sslContext.getDefaultSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(sslContext)
                .sslParameters(parameters)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The hub members, in the order given. */
    public List<URI> hubs() {
        return hubs;
    }

    /** The member calls go to first. */
    public URI preferredHub() {
        return hubs.get(preferred.get());
    }

    /** Makes the member after {@code failed} the preferred one, unless another call moved on already. */
    public void failedOver(URI failed) {
        int index = hubs.indexOf(failed);
        if (index >= 0) {
            preferred.compareAndSet(index, (index + 1) % hubs.size());
        }
    }

    /** A response whose body was read completely. */
    public record Response(URI hub, int status, byte[] body) {
    }

    /**
     * Sends one request, failing over through the members as described above.
     *
     * @param body null for none
     * @throws HubUnavailableException naming every member tried and why it failed
     */
    public Response exchange(String method, String path, byte[] body) {
        List<String> failures = new ArrayList<>();
        int start = preferred.get();
        for (int attempt = 0; attempt < hubs.size(); attempt++) {
            int index = (start + attempt) % hubs.size();
            URI hub = hubs.get(index);
            try {
                HttpResponse<InputStream> response = http.send(request(hub, method, path, body, requestTimeout),
                        HttpResponse.BodyHandlers.ofInputStream());
                byte[] bytes;
                try (InputStream in = response.body()) {
                    checkServerIdentity(hub, response);
                    bytes = readBounded(in, maxResponseBytes, hub, path);
                }
                if (response.statusCode() == SERVICE_UNAVAILABLE) {
                    failures.add(hub + ": 503 " + new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                    continue;
                }
                preferred.set(index);
                return new Response(hub, response.statusCode(), bytes);
            } catch (IOException e) {
                failures.add(hub + ": " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubUnavailableException(method + " " + path + ": interrupted", e);
            }
        }
        throw new HubUnavailableException(method + " " + path + ": no hub member answered: "
                + String.join("; ", failures));
    }

    /**
     * Opens a streaming {@code GET} on one member, for watches; the caller reads and closes the body.
     *
     * @throws IOException when the member cannot be reached or is not a hub
     */
    public HttpResponse<InputStream> openStream(URI hub, String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(hub, "GET", path, null, requestTimeout),
                HttpResponse.BodyHandlers.ofInputStream());
        try {
            checkServerIdentity(hub, response);
        } catch (IOException e) {
            response.body().close();
            throw e;
        }
        return response;
    }

    /** Reads the rest of {@code in}, refusing more than {@code maxBytes}. */
    public static byte[] readBounded(InputStream in, int maxBytes, URI hub, String path) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new IOException("response to " + path + " from " + hub + " is larger than " + maxBytes
                    + " bytes (HubApi.DEFAULT_MAX_RESPONSE_BYTES)");
        }
        return bytes;
    }

    private static HttpRequest request(URI hub, String method, String path, byte[] body, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(hub.resolve(path))
                .timeout(timeout)
                .header("Accept", path.contains("watch=true") ? HubApi.NDJSON : HubApi.JSON);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", HubApi.JSON).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return builder.build();
    }

    private void checkServerIdentity(URI hub, HttpResponse<?> response) throws IOException {
        SSLSession session = response.sslSession()
                .orElseThrow(() -> new IOException(hub + " answered without TLS"));
        SpiffeId server;
        try {
            server = hubVerifier.verify(session);
        } catch (UntrustedPeerException e) {
            throw new IOException(hub + " presented an untrusted certificate: " + e.getMessage(), e);
        }
        if (!(server instanceof ClusterIdentity member) || member.component() != Component.HUB) {
            throw new IOException(hub + " is " + server + ", not a hub of cluster set " + hubVerifier.clusterSet());
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
