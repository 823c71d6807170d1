package io.fedgate.hubclient.protocol;

/**
 * {@code POST /v1/tokens}: an admin asks for a join token.
 *
 * @param clusterId  the cluster the token admits (DNS-1123 label)
 * @param component  {@code agent} or {@code gateway}
 * @param ttlSeconds how long the token stays valid; null for the hub's configured default
 */
public record TokenRequest(String clusterId, String component, Long ttlSeconds) {
}
