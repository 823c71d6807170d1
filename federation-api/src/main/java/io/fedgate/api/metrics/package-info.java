/**
 * The names every component exports to Prometheus, in one place so components, Grafana dashboards and
 * alert rules agree. Names follow Prometheus conventions: {@code fedgate_} prefix, base units
 * ({@code _seconds}, {@code _bytes}), {@code _total} for counters.
 */
package io.fedgate.api.metrics;
