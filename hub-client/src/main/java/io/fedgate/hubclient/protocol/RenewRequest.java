package io.fedgate.hubclient.protocol;

/**
 * {@code POST /v1/certificates/renew}: a new certificate for the caller's own, verified identity, before the
 * current one expires.
 *
 * @param csr a PEM PKCS#10 request for a fresh key; only its public key is used
 */
public record RenewRequest(String csr) {
}
