package io.fedgate.hubclient.protocol;

import java.time.Instant;

/**
 * {@code GET /v1/ca}: the cluster set's CA.
 *
 * @param certificate       PEM
 * @param fingerprintSha256 colon-separated uppercase hex, as openssl prints it
 */
public record CaInfo(String clusterSet, String certificate, String fingerprintSha256, Instant notAfter) {
}
