package io.fedgate.charts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromQlNamesTest {

    @Test
    void aggregationsFunctionsAndGroupingKeepOnlyTheSeriesAsMetrics() {
        PromQlNames names = PromQlNames.of("histogram_quantile(0.99, sum by (cluster, le) "
                + "(rate(fedgate_tunnel_rtt_seconds_bucket{peer_cluster=~\"west|east\"}[5m])))");

        assertThat(names.metrics()).containsExactly("fedgate_tunnel_rtt_seconds_bucket");
        assertThat(names.labels()).containsExactlyInAnyOrder("cluster", "le", "peer_cluster");
    }

    @Test
    void groupingAfterTheAggregatedExpressionIsALabelList() {
        PromQlNames names = PromQlNames.of("sum(fedgate_tunnel_up) without (peer) > bool 0");

        assertThat(names.metrics()).containsExactly("fedgate_tunnel_up");
        assertThat(names.labels()).containsExactly("peer");
    }

    @Test
    void vectorMatchingModifiersNameLabels() {
        PromQlNames names = PromQlNames.of(
                "fedgate_hub_plan_version - on (cluster) group_left (instance) fedgate_agent_plan_version");

        assertThat(names.metrics()).containsExactlyInAnyOrder("fedgate_hub_plan_version", "fedgate_agent_plan_version");
        assertThat(names.labels()).containsExactlyInAnyOrder("cluster", "instance");
    }

    @Test
    void numbersDurationsOffsetsAndSubqueriesAreNoMetrics() {
        PromQlNames names = PromQlNames.of("max_over_time(fedgate_hub_members[1h:5m] offset 1h30m) "
                + "< 7 * 24 * 3600 + 1e-9 + 0x1F + Inf or vector(0)");

        assertThat(names.metrics()).containsExactly("fedgate_hub_members");
        assertThat(names.labels()).isEmpty();
    }

    @Test
    void stringsAreNeitherMetricsNorLabels() {
        PromQlNames names = PromQlNames.of(
                "label_replace(fedgate_lb_healthy_clusters{service=\"shop/cart\"}, \"dst\", \"$1\", \"service\", \"(.*)/.*\")");

        assertThat(names.metrics()).containsExactly("fedgate_lb_healthy_clusters");
        assertThat(names.labels()).containsExactly("service");
    }

    @Test
    void nameMatcherNamesAMetric() {
        assertThat(PromQlNames.of("{__name__=\"fedgate_hub_exports\", cluster=\"east\"}").metrics())
                .containsExactly("fedgate_hub_exports");
    }

    @Test
    void unclosedMatcherIsReportedWithItsOffset() {
        assertThatThrownBy(() -> PromQlNames.of("fedgate_tunnel_up{cluster=\"east\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'{' at offset 17 is never closed");
    }
}
