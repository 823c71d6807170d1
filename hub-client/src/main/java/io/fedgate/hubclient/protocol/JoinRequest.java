package io.fedgate.hubclient.protocol;

/**
 * {@code POST /v1/join}: a cluster component asks for its first certificate.
 *
 * @param token the single-use join token {@code fedgate ctl token create} printed
 * @param csr   a PEM PKCS#10 request; only its public key is used: the identity comes from the token
 */
public record JoinRequest(String token, String csr) {
    /** Shows the CSR, never the token. */
    @Override
    public String toString() {
        return "JoinRequest[csr=" + (csr == null ? 0 : csr.length()) + " chars]";
    }
}
