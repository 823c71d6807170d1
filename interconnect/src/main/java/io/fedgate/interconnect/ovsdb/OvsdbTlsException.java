package io.fedgate.interconnect.ovsdb;

/**
 * The TLS handshake with an {@code ssl:} server failed: its certificate is not signed by the configured CA,
 * it refused fedgate's client certificate, or the two sides share no protocol. Retrying does not help until
 * the certificates change; the message names the endpoint and what each side presented.
 */
public class OvsdbTlsException extends OvsdbConnectionException {
    public OvsdbTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
