/**
 * A federation on this machine, for {@code fedgate demo}, {@code fedgate bench agent} and the integration tests:
 * an in-process hub member ({@link io.fedgate.cli.local.LocalHub}), simulated clusters whose Kubernetes API is
 * fabric8's mock server in CRUD mode ({@link io.fedgate.cli.local.MockApiServer}, seeded by
 * {@link io.fedgate.cli.local.ClusterSeed}), and real agents joined to the hub with tokens over mutual TLS
 * ({@link io.fedgate.cli.local.LocalAgent}), each put together per cluster by
 * {@link io.fedgate.cli.local.LocalCluster}. The mock servers also serve API discovery
 * ({@link io.fedgate.cli.local.ApiDiscovery}) so that the real kubectl can be pointed at them through
 * {@link io.fedgate.cli.local.LocalCluster#writeKubeconfig}, and serve every served version of a CRD on the same
 * objects, as kube-apiserver does ({@link io.fedgate.cli.local.ServedVersions}). Everything binds to loopback.
 */
package io.fedgate.cli.local;
