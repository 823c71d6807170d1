package io.fedgate.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.metrics.MetricNames;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.TestPki;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.gateway.internal.metrics.GatewayMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
    @Test
    void scrapeUsesTheSharedMetricNamesAndLabels() {
        GatewayMetrics metrics = new GatewayMetrics("east");
        metrics.tunnelUp("west", "west-gw-1", true);
        metrics.tunnelRtt("west", "west-gw-1", 1_500_000);
        metrics.tunnelBytes("west", "west-gw-1", GatewayMetrics.TX).increment(42);
        metrics.streamsActive("west", "west-gw-1").incrementAndGet();
        metrics.served("bank/payments", "west");
        metrics.failover("bank/payments", "east", "west");
        metrics.ejected("bank/payments", "east", "endpoint/east/10.0.0.1:80", Duration.ofSeconds(2));
        metrics.trackHealthyClusters(Map.of("bank/payments", () -> 2));
        String scrape = metrics.scrape();
        for (String name : new String[] {MetricNames.TUNNEL_UP, MetricNames.TUNNEL_RTT_SECONDS,
            MetricNames.TUNNEL_BYTES_TOTAL, MetricNames.TUNNEL_STREAMS_ACTIVE, MetricNames.LB_CONNECTIONS_TOTAL,
            MetricNames.LB_FAILOVERS_TOTAL, MetricNames.LB_EJECTIONS_TOTAL, MetricNames.LB_HEALTHY_CLUSTERS}) {
            assertThat(scrape).contains("# TYPE " + name + " ");
        }
        assertThat(scrape)
                .contains("fedgate_tunnel_up{cluster=\"east\",peer=\"west-gw-1\",peer_cluster=\"west\"} 1.0")
                .contains("# TYPE fedgate_tunnel_rtt_seconds histogram")
                .contains("fedgate_tunnel_rtt_seconds_bucket{cluster=\"east\",peer=\"west-gw-1\",peer_cluster=\"west\","
                        + "le=\"0.002\"} 1")
                .contains("fedgate_tunnel_bytes_total{cluster=\"east\",direction=\"tx\",peer=\"west-gw-1\","
                        + "peer_cluster=\"west\"} 42.0")
                .contains("fedgate_tunnel_streams_active{cluster=\"east\",peer=\"west-gw-1\",peer_cluster=\"west\"} 1.0")
                .contains("fedgate_lb_connections_total{cluster=\"east\",service=\"bank/payments\",to_cluster=\"west\"} 1.0")
                .contains("fedgate_lb_failovers_total{cluster=\"east\",from_cluster=\"east\",service=\"bank/payments\","
                        + "to_cluster=\"west\"} 1.0")
                .contains("fedgate_lb_ejections_total{cluster=\"east\",peer_cluster=\"east\",service=\"bank/payments\"} 1.0")
                .contains("fedgate_lb_healthy_clusters{cluster=\"east\",service=\"bank/payments\"} 2.0");

        metrics.trackHealthyClusters(Map.of());
        assertThat(metrics.scrape()).doesNotContain("fedgate_lb_healthy_clusters{");
    }

    @Test
    void certificateExpiriesCountDownOnTheClockAndRenewalFailuresStartAtZero() {
        TlsMaterial own = TestPki.create().issue("east", Component.GATEWAY);
        Instant notAfter = own.certificate().getNotAfter().toInstant();
        GatewayMetrics metrics = new GatewayMetrics("east", Clock.fixed(notAfter.minusSeconds(90), ZoneOffset.UTC));

        metrics.trackCertificate(() -> own);
        metrics.tunnelCertificateExpiry("west", "west-gw-1", notAfter.minusSeconds(30));
        assertThat(metrics.scrape()).contains("fedgate_cert_expiry_seconds{cluster=\"east\"} 90.0")
                .contains("fedgate_cert_renewal_failures_total{cluster=\"east\"} 0.0")
                .contains("fedgate_tunnel_cert_expiry_seconds{cluster=\"east\",peer=\"west-gw-1\","
                        + "peer_cluster=\"west\"} 60.0");

        metrics.certificateRenewalFailed();
        metrics.tunnelCertificateExpiry("west", "west-gw-1", notAfter.minusSeconds(100));
        assertThat(metrics.scrape()).contains("fedgate_cert_renewal_failures_total{cluster=\"east\"} 1.0")
                .as("a tunnel resting on an expired certificate shows a negative value")
                .contains("fedgate_tunnel_cert_expiry_seconds{cluster=\"east\",peer=\"west-gw-1\","
                        + "peer_cluster=\"west\"} -10.0");
    }

    @Test
    void failoverAndEjectionCountersOfEveryServingClusterStartAtZero() {
        GatewayMetrics metrics = new GatewayMetrics("north");

        metrics.initializeBalancingCounters(Map.of("bank/payments", java.util.Set.of("east", "west")));
        metrics.failover("bank/payments", "east", "west");

        assertThat(metrics.scrape())
                .contains("fedgate_lb_failovers_total{cluster=\"north\",from_cluster=\"east\",service=\"bank/payments\","
                        + "to_cluster=\"west\"} 1.0")
                .contains("fedgate_lb_failovers_total{cluster=\"north\",from_cluster=\"west\",service=\"bank/payments\","
                        + "to_cluster=\"east\"} 0.0")
                .contains("fedgate_lb_ejections_total{cluster=\"north\",peer_cluster=\"east\",service=\"bank/payments\"} 0.0")
                .contains("fedgate_lb_ejections_total{cluster=\"north\",peer_cluster=\"west\",service=\"bank/payments\"} 0.0");
    }
}
