/**
 * The gateway's Prometheus metrics (Micrometer), named exactly as {@link io.fedgate.api.metrics.MetricNames}
 * says, with the labels {@code cluster}, {@code peer_cluster}, {@code peer}, {@code direction},
 * {@code service}, {@code from_cluster}, {@code to_cluster}:
 * <ul>
 *   <li>{@code fedgate_tunnel_up{cluster,peer_cluster,peer}}: 1/0 per dialled peer gateway;</li>
 *   <li>{@code fedgate_tunnel_rtt_seconds{cluster,peer_cluster,peer}}: histogram of PING round trips;</li>
 *   <li>{@code fedgate_tunnel_bytes_total{cluster,peer_cluster,peer,direction}}: payload bytes, tx/rx;</li>
 *   <li>{@code fedgate_tunnel_streams_active{cluster,peer_cluster,peer}}: open flows per tunnel;</li>
 *   <li>{@code fedgate_tunnel_streams_refused_total{cluster,peer_cluster,reason}}: streams a serving gateway
 *       refused against its plan ({@code not_exported}, {@code unknown_port}, {@code unknown_endpoint},
 *       {@code no_ready_endpoints});</li>
 *   <li>{@code fedgate_lb_connections_total{cluster,service,to_cluster}}: flows by serving cluster;</li>
 *   <li>{@code fedgate_lb_failovers_total{cluster,service,from_cluster,to_cluster}}: flows served elsewhere
 *       than the first choice;</li>
 *   <li>{@code fedgate_lb_ejections_total{cluster,service,peer_cluster}}: outlier ejections;</li>
 *   <li>{@code fedgate_lb_healthy_clusters{cluster,service}}: serving clusters able to take traffic;</li>
 *   <li>{@code fedgate_cert_expiry_seconds{cluster}}: seconds until the gateway's certificate expires;</li>
 *   <li>{@code fedgate_cert_renewal_failures_total{cluster}}: failed renewals of it (each retried);</li>
 *   <li>{@code fedgate_tunnel_cert_expiry_seconds{cluster,peer_cluster,peer}}: seconds until the earlier of
 *       the two certificates of a dialled tunnel's current connection expires (it is replaced then).</li>
 * </ul>
 * For tunnels a peer dialled into this gateway, {@code peer} is the peer's IP address (its certificate names
 * only its cluster).
 */
package io.fedgate.gateway.internal.metrics;
