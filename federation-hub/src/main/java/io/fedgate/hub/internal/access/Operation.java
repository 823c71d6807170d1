package io.fedgate.hub.internal.access;

/** What a caller asks the hub to do, for authorization. */
public enum Operation {
    /** Write a cluster's inventory (PUT/PATCH). */
    WRITE_INVENTORY("write the inventory of"),
    /** Read a cluster's stored inventory. */
    READ_INVENTORY("read the inventory of"),
    /** Renew a cluster's lease. */
    HEARTBEAT("renew the lease of"),
    /** Read or watch a cluster's plan. */
    READ_PLAN("read the plan of"),
    /** Read the cluster set's listings (clusters, exports, imports). */
    READ_LISTINGS("read the listings of"),
    /** Renew one's own certificate. */
    RENEW_CERTIFICATE("renew a certificate in"),
    /** Create join tokens, remove clusters, read the audit log and the CA. */
    ADMINISTER("administer");

    private final String phrase;

    Operation(String phrase) {
        this.phrase = phrase;
    }

    /** The verb phrase a refusal uses: "... may not {phrase} cluster west". */
    public String phrase() {
        return phrase;
    }
}
