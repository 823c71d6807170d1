package io.fedgate.api.topology;

/**
 * One cluster exporting a topology service.
 *
 * @param weight    traffic share under weighted load balancing (0..1000, default 100)
 * @param priority  lower is preferred under failover (default 0)
 * @param endpoints how many ready backend replicas demos and tests give it (default 1)
 */
public record TopologyExporter(String cluster, int weight, int priority, int endpoints) {
}
