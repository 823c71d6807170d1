/**
 * The topology file: a YAML description of a whole federation (cluster set, clusters with their
 * networks, services with their exporters and policies) used by demos, tests and benchmarks.
 *
 * <p>{@link io.fedgate.api.topology.TopologyParser} reads it strictly, reporting every problem with its
 * path and rejecting unknown keys; {@link io.fedgate.api.topology.TopologyInventories} turns it into the
 * inventories agents would report; {@link io.fedgate.api.topology.TopologySummary} says which cluster
 * pairs share address space. The examples in {@code topology-examples/} document the format. All of it
 * is pure except {@code TopologyParser.parse(Path)}, which reads the file.
 */
package io.fedgate.api.topology;
