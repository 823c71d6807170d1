/**
 * Tests of the Helm charts in {@code charts/}: every chart is linted and rendered by the real Helm engine
 * (helm-java's bundled Go library), the rendered manifests are parsed into fabric8's typed models and
 * checked for what an operator relies on, and every PromQL expression in the dashboards and alert rules is
 * checked against {@link io.fedgate.api.metrics.MetricNames} and, where Debian's {@code prometheus} package
 * is installed, against a real Prometheus and {@code promtool}.
 *
 * <p>Published as this module's test-jar: {@link io.fedgate.charts.MonitoringQuery} (the queries of the
 * monitoring chart), {@link io.fedgate.charts.PromQlNames}, {@link io.fedgate.charts.PrometheusServer} and
 * {@link io.fedgate.charts.Promtool} are public so that cli's {@code DashboardQueriesIT} evaluates the same
 * queries against a Prometheus scraping a running demo.
 */
package io.fedgate.charts;
