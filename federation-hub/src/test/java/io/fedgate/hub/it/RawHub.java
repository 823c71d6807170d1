package io.fedgate.hub.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.api.codec.FederationJson;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hubclient.HubTls;
import io.fedgate.hubclient.protocol.ApiError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Hand-made HTTP/2 requests to one hub member, for what a well-behaved {@code HubClient} never sends:
 * malformed JSON, oversized bodies, other clusters' paths, other API versions.
 */
final class RawHub {
    private final HttpClient http;
    private final URI base;
    private final ObjectMapper mapper = FederationJson.mapper();

    /** @param identity the client certificate, or null for none */
    RawHub(URI base, TlsMaterial identity, List<X509Certificate> trustAnchors) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(HubTls.sslContext(identity, trustAnchors)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The status and body of one request. */
    record Answer(int status, String body) {
    }

    Answer send(String method, String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** The body of {@code answer} as the hub's error document. */
    ApiError error(Answer answer) throws IOException {
        return mapper.readValue(answer.body(), ApiError.class);
    }
}
