/**
 * An OVSDB client (RFC 7047 JSON-RPC, with the {@code monitor_cond}/{@code update2} extension) for OVN's
 * databases, over TCP or TLS.
 *
 * <p>What it promises: {@link io.fedgate.interconnect.ovsdb.OvsdbClient#connect} checks the server's schema
 * for every table and column the caller needs before returning; the client keeps an in-memory replica of
 * the monitored tables that is rebuilt (not duplicated) after a reconnect; every request has a deadline;
 * everything read from the network is bounded ({@link io.fedgate.interconnect.ovsdb.OvsdbClientConfig#DEFAULT_MAX_MESSAGE_BYTES});
 * failures surface as one of the {@link io.fedgate.interconnect.ovsdb.OvsdbException} subtypes, each
 * naming the endpoint and what went wrong. Values use plain Java types: {@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, {@link io.fedgate.interconnect.ovsdb.Uuid}, {@code Set} and {@code Map}
 * (see {@link io.fedgate.interconnect.ovsdb.OvsdbValues}). No Netty type appears in this package's API.
 */
package io.fedgate.interconnect.ovsdb;
