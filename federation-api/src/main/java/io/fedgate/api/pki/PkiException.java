package io.fedgate.api.pki;

/**
 * A PKI file, key, certificate or CSR that cannot be used: missing, garbled, mismatched, or refused by
 * the CA. The message names the file or field and the offending value.
 */
public final class PkiException extends RuntimeException {

    /** A failure described by {@code message}. */
    public PkiException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
