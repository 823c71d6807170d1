package io.fedgate.hub.internal.state;

import java.io.Serializable;

/**
 * The cluster set's CA, shared by every member so any of them can sign.
 *
 * @param certificatePem the CA certificate
 * @param keyPem         its PKCS#8 private key
 */
public record CaRecord(String certificatePem, String keyPem) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Never shows the key. */
    @Override
    public String toString() {
        return "CaRecord[" + certificatePem.length() + " chars of certificate]";
    }
}
