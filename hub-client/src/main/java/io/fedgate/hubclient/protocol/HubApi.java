package io.fedgate.hubclient.protocol;

import io.fedgate.api.codec.DocumentCodec;
import java.util.List;

/**
 * The hub API's fixed facts: the versions served, every path, media types and size limits. The hub routes
 * and the client calls both build their paths here, so they cannot drift apart.
 *
 * <p>Paths are relative to a hub member's base URL ({@code https://fedgate-hub.example.com:443}). Every
 * path starts with the API version; a path naming another version ({@code /v2/...}) is answered 404 with
 * an {@link ApiError} whose {@code versions} lists {@link #VERSIONS}.
 */
public final class HubApi {
    /** The API version this build serves and calls. */
    public static final String VERSION = "v1";
    /** Every API version the hub serves. */
    public static final List<String> VERSIONS = List.of(VERSION);
    /** Largest request body the hub reads (an inventory of a big cluster); bigger ones are refused with 413. */
    public static final int DEFAULT_MAX_BODY_BYTES = DocumentCodec.DEFAULT_MAX_DOCUMENT_BYTES;
    /** Largest response body a client reads: a plan of a large cluster set. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    /** Largest single line of a plan watch stream (one event carrying one plan). */
    public static final int DEFAULT_MAX_EVENT_BYTES = DEFAULT_MAX_RESPONSE_BYTES;
    /** Most audit records one {@code GET /v1/audit} returns. */
    public static final int MAX_AUDIT_PAGE = 1000;
    /** Media type of request and response bodies. */
    public static final String JSON = "application/json";
    /** Media type of a plan watch stream: one JSON {@link PlanEvent} per line. */
    public static final String NDJSON = "application/x-ndjson";
    /**
     * The cluster id in the hub's own SPIFFE id, {@code spiffe://<clusterset>/cluster/hub/hub}. Join tokens are
     * never issued for the hub component, so no member cluster can obtain that identity.
     */
    public static final String HUB_CLUSTER_ID = "hub";

    private static final String PREFIX = "/" + VERSION;

    private HubApi() {
    }

    /** {@code POST}: a join token and a CSR give a certificate ({@link JoinRequest} → {@link JoinResponse}). */
    public static String join() {
        return PREFIX + "/join";
    }

    /** {@code POST}: a CSR signed for the caller's own identity ({@link RenewRequest} → {@link JoinResponse}). */
    public static String renew() {
        return PREFIX + "/certificates/renew";
    }

    /** {@code GET}: every cluster ({@link ClusterSummary} list). */
    public static String clusters() {
        return PREFIX + "/clusters";
    }

    /** {@code DELETE}: forget a cluster (admin). */
    public static String cluster(String clusterId) {
        return clusters() + "/" + clusterId;
    }

    /** {@code PUT} a full inventory, {@code PATCH} an inventory delta, {@code GET} the stored inventory. */
    public static String inventory(String clusterId) {
        return cluster(clusterId) + "/inventory";
    }

    /** {@code POST}: renew a cluster's lease ({@link HeartbeatAck}). */
    public static String heartbeat(String clusterId) {
        return cluster(clusterId) + "/heartbeat";
    }

    /** {@code GET}: a cluster's current plan. */
    public static String plan(String clusterId) {
        return cluster(clusterId) + "/plan";
    }

    /** {@code GET}: a stream of {@link PlanEvent}s after {@code fromVersion} (0: from the current plan). */
    public static String planWatch(String clusterId, long fromVersion) {
        return plan(clusterId) + "?watch=true&fromVersion=" + fromVersion;
    }

    /** {@code GET}: every export of every cluster ({@link ExportSummary} list). */
    public static String exports() {
        return PREFIX + "/exports";
    }

    /** {@code GET}: every import of the cluster set ({@link ImportSummary} list). */
    public static String imports() {
        return PREFIX + "/imports";
    }

    /** {@code GET}: a cluster's current plan, read-only listing form. */
    public static String plans(String clusterId) {
        return PREFIX + "/plans/" + clusterId;
    }

    /** {@code POST}: create a join token (admin; {@link TokenRequest} → {@link JoinToken}). */
    public static String tokens() {
        return PREFIX + "/tokens";
    }

    /** {@code GET}: audit records ({@link AuditPage}, admin). */
    public static String audit() {
        return PREFIX + "/audit";
    }

    /** {@code GET}: up to {@code limit} audit records from sequence number {@code from}. */
    public static String audit(long from, int limit) {
        return audit() + "?from=" + from + "&limit=" + limit;
    }

    /** {@code GET}: the cluster set's CA certificate ({@link CaInfo}, admin). */
    public static String ca() {
        return PREFIX + "/ca";
    }

    /** {@code GET}: the OpenAPI description of this version. */
    public static String openApi() {
        return PREFIX + "/openapi.yaml";
    }
}
