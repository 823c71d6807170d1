package io.fedgate.interconnect.ovsdb;

/**
 * The server answered with an error: a top-level JSON-RPC error, or (for {@code transact}) the error element
 * of the result array, either for one operation or, as an extra element, for the commit as a whole.
 */
public class OvsdbServerException extends OvsdbException {
    /** The error a clustered server reports when it could not commit (lost leadership, not leader). */
    public static final String CLUSTER_ERROR = "cluster error";

    private final String error;
    private final String details;
    private final int operationIndex;

    /**
     * @param operationIndex index of the failing operation, or -1 when the error is not tied to one
     */
    public OvsdbServerException(String message, String error, String details, int operationIndex) {
        super(message);
        this.error = error;
        this.details = details;
        this.operationIndex = operationIndex;
    }

    /** The server's short error string, e.g. {@code constraint violation}. */
    public String error() {
        return error;
    }

    /** The server's details, or an empty string. */
    public String details() {
        return details;
    }

    /** Index of the failing operation within the transaction, or -1. */
    public int operationIndex() {
        return operationIndex;
    }

    /** True for a clustered server's {@code cluster error}: the transaction may be retried on the leader. */
    public boolean isClusterError() {
        return CLUSTER_ERROR.equals(error);
    }
}
