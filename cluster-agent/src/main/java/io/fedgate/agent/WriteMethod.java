package io.fedgate.agent;

/** How the agent writes objects. Either way every write goes through one compare-then-write path. */
public enum WriteMethod {
    /**
     * Server-side apply with the agent's field manager and forced conflicts: the agent owns exactly the
     * fields it sends. What real clusters use.
     */
    SERVER_SIDE_APPLY,
    /**
     * Create when absent, else a JSON merge patch of the same fields, with the field manager as a query
     * parameter. For API servers without server-side apply: fabric8's mock server in CRUD mode answers
     * {@code 415 Unsupported Media Type} to {@code application/apply-patch+yaml} and {@code 404} to a PATCH of a
     * missing object (kubernetes-server-mock 8.0.0, {@code PatchHandler}), so the agent's tests use this.
     * Lists are replaced whole, so conditions other controllers add to a ServiceExport are not kept.
     */
    CREATE_OR_MERGE_PATCH
}
