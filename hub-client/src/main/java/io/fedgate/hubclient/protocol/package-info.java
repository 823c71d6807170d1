/**
 * The hub API's wire contract, shared by the hub (which serves it) and {@link io.fedgate.hubclient.HubClient}
 * (which calls it): paths and limits ({@link io.fedgate.hubclient.protocol.HubApi}), the documents exchanged
 * (records, written with {@link io.fedgate.api.codec.FederationJson#mapper()}), strict codecs for documents
 * crossing a trust boundary ({@link io.fedgate.hubclient.protocol.HubDocuments}) and the audit log's hash
 * chain ({@link io.fedgate.hubclient.protocol.AuditChain}).
 *
 * <h2>Conventions</h2>
 * Bodies are JSON ({@code application/json}); a plan watch is newline-delimited JSON
 * ({@code application/x-ndjson}), one {@link io.fedgate.hubclient.protocol.PlanEvent} per line. Every error
 * is an {@link io.fedgate.hubclient.protocol.ApiError}. Inventories and plans use the model's own codecs
 * ({@link io.fedgate.api.codec.FederationCodecs}). Nothing here does I/O.
 */
package io.fedgate.hubclient.protocol;
