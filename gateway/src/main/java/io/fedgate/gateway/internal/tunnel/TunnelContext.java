package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.pki.IdentityVerifier;
import io.fedgate.gateway.GatewayTuning;
import io.fedgate.gateway.internal.balancing.Ticker;
import io.fedgate.gateway.internal.metrics.GatewayMetrics;
import io.fedgate.gateway.internal.transport.Transport;
import io.netty.handler.ssl.SslContext;
import java.util.Random;

/**
 * What every tunnel of one gateway shares.
 *
 * @param localCluster the gateway's cluster id, first in every log line
 * @param clientTls    TLS context for dialling peers
 * @param verifier     checks peers' SPIFFE ids against the cluster set's CA
 */
public record TunnelContext(String localCluster, Transport transport, SslContext clientTls, IdentityVerifier verifier,
                            GatewayTuning tuning, Ticker ticker, Random random, GatewayMetrics metrics) {
}
