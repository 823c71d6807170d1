package io.fedgate.agent;

/** How the agent writes objects. Either way every write goes through one compare-then-write path. */
public enum WriteMethod {
    /**
     * Server-side apply with the agent's field manager and forced conflicts: the agent owns exactly the
     * fields it sends. What real clusters use.
     */
    SERVER_SIDE_APPLY,
    /**
     * Create when absent, else update (PUT, with the observed {@code resourceVersion} as an optimistic lock)
     * the observed object with fedgate's fields merged in by JSON merge patch rules (RFC 7386: maps merge, lists
     * are replaced). For API servers without server-side apply: fabric8's mock server in CRUD mode answers
     * {@code 415 Unsupported Media Type} to {@code application/apply-patch+yaml}, {@code 404} to a PATCH of a
     * missing object, and applies {@code application/merge-patch+json} with Jackson's {@code readerForUpdating},
     * which appends to lists instead of replacing them (kubernetes-server-mock 8.0.0, {@code PatchHandler}), so
     * the agent's tests use this method. Lists fedgate writes are replaced whole, so conditions other
     * controllers add to a ServiceExport are not kept.
     */
    CREATE_OR_UPDATE
}
