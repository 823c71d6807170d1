package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.pki.IdentityVerifier;
import io.fedgate.gateway.GatewayTuning;
import io.fedgate.gateway.internal.balancing.Ticker;
import io.fedgate.gateway.internal.metrics.GatewayMetrics;
import io.fedgate.gateway.internal.transport.Transport;
import java.time.Clock;
import java.util.Random;

/**
 * What every tunnel of one gateway shares.
 *
 * @param localCluster the gateway's cluster id, first in every log line
 * @param certificate  the certificate tunnels present, read per connection (it changes on renewal)
 * @param verifier     checks peers' SPIFFE ids against the cluster set's CA
 * @param clock        the wall clock certificates expire on
 */
public record TunnelContext(String localCluster, Transport transport, TunnelCertificate certificate,
                            IdentityVerifier verifier,
                            GatewayTuning tuning, Ticker ticker, Clock clock, Random random, GatewayMetrics metrics) {
}
