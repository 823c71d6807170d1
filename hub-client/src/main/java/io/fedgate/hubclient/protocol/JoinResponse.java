package io.fedgate.hubclient.protocol;

/**
 * The answer to a join or a renewal: the certificate the hub's CA signed and the CA to trust.
 *
 * @param identity         the SPIFFE id in the certificate, decided by the hub
 * @param certificateChain PEM, leaf first
 * @param caCertificates   PEM, the cluster set's CA certificate(s)
 */
public record JoinResponse(String identity, String certificateChain, String caCertificates) {
}
