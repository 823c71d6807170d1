/**
 * Tunnels between gateways: one long-lived HTTP/2 connection over mutual TLS 1.3 per peer gateway, one
 * stream per TCP flow.
 *
 * <h2>Wire protocol</h2>
 * <ul>
 *   <li>TLS 1.3 only, both sides present certificates of the cluster set's CA; ALPN {@code h2}. The server
 *       admits a client only when its SPIFFE id is the gateway of a cluster among the plan's
 *       {@code gatewayPeers}; the client admits the server only when it is the gateway of the peer cluster
 *       it dialled. Refusals are logged with both identities and the plan version.</li>
 *   <li>A flow is an RFC 9113 §8.5 {@code CONNECT} stream: {@code :method CONNECT} and
 *       {@code :authority <name>.<namespace>.import.fedgate:<service port>} (see {@link
 *       io.fedgate.gateway.internal.tunnel.TunnelTarget}). Optional headers {@value
 *       io.fedgate.gateway.internal.tunnel.TunnelHeaders#CLIENT_ADDRESS} and {@value
 *       io.fedgate.gateway.internal.tunnel.TunnelHeaders#LISTENER_ADDRESS} carry the original client and
 *       listener addresses for PROXY protocol v2; {@value
 *       io.fedgate.gateway.internal.tunnel.TunnelHeaders#ENDPOINT} narrows a per-pod flow of a headless import to
 *       one endpoint of the serving cluster, by hostname, else by address.</li>
 *   <li>The serving gateway answers {@code :status 200} once it has connected to one of its own endpoints of
 *       that import (the named one, for a per-pod flow); {@code 400} for a malformed request, {@code 404} for
 *       a target its plan does not export (or an endpoint it does not list), {@code 503} when it has no ready
 *       endpoint, {@code 502} when every endpoint refused; refusals are counted by reason. Then DATA frames
 *       carry the bytes both ways; END_STREAM is a TCP half-close, RST_STREAM an abort.</li>
 *   <li>Both sides PING on an interval: round-trip time (EWMA) and liveness; a tunnel without a PING answer
 *       for the timeout takes no new flows (streams still waiting for their answer on it are retried
 *       elsewhere) and is closed, then redialled with exponential backoff and jitter, only when the silence
 *       lasts {@link io.fedgate.gateway.internal.tunnel.TunnelTimeoutHandler#DEFAULT_CLOSE_AFTER_TIMEOUTS}
 *       timeouts; a peer heard from before that takes new flows again.</li>
 *   <li>Each gateway dials every peer gateway of its plan; streams only go from dialler to listener, so a
 *       pair of gateways that both serve holds two connections, one per direction.</li>
 *   <li>Draining: GOAWAY on every connection, no new flows, open flows run until the drain deadline.</li>
 * </ul>
 * Everything read from the network is bounded by the {@code DEFAULT_MAX_*} constants of {@link
 * io.fedgate.gateway.internal.tunnel.TunnelLimits}.
 */
package io.fedgate.gateway.internal.tunnel;
