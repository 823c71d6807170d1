package io.fedgate.api.pki;

import java.util.Objects;

/**
 * A peer's certificate chain was refused by an {@link IdentityVerifier}. {@link #reason()} classifies the
 * refusal (for metrics and callers that react differently); the message says exactly why, naming the
 * certificate, the peer's SPIFFE id when known, and the expected value.
 */
public final class UntrustedPeerException extends RuntimeException {

    /** Why a peer was refused. */
    public enum Reason {
        /** The peer presented no certificate. */
        NO_CERTIFICATE,
        /** A certificate in the chain, or the trusted CA it chains to, is past its notAfter. */
        EXPIRED,
        /** A certificate in the chain is before its notBefore. */
        NOT_YET_VALID,
        /** The chain does not lead to any trusted CA: signed by another CA. */
        UNKNOWN_CA,
        /** The chain leads to a trusted CA but PKIX path validation fails for another reason. */
        INVALID_PATH,
        /** The leaf certificate has no URI SAN. */
        NO_SPIFFE_ID,
        /** The leaf certificate has more than one URI SAN. */
        SEVERAL_URI_SANS,
        /** The leaf's URI SAN is not a fedgate SPIFFE id. */
        MALFORMED_SPIFFE_ID,
        /** The SPIFFE id belongs to another cluster set (trust domain). */
        WRONG_CLUSTER_SET,
        /** The SPIFFE id is not one of the expected cluster's identities. */
        WRONG_CLUSTER,
        /** The SPIFFE id is the expected cluster's, but another component. */
        WRONG_COMPONENT,
        /** An admin identity was required and the peer is a cluster component. */
        NOT_ADMIN
    }

    private final Reason reason;

    /** A refusal for {@code reason}, explained by {@code message}. */
    public UntrustedPeerException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** A refusal for {@code reason}, explained by {@code message}, caused by {@code cause}. */
    public UntrustedPeerException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the peer was refused. */
    public Reason reason() {
        return reason;
    }
}
