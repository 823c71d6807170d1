/**
 * The Multi-Cluster Services API conformance suite (kubernetes-sigs/mcs-api {@code conformance/}, v0.5.0) against
 * fedgate: one JUnit case per upstream case, named by {@code @DisplayName} with the upstream text and tagged with
 * the upstream labels ({@code Required}, {@code Optional}, {@code ClusterIP}, ...), one IT class per upstream file.
 * They run with a real hub, real agents and fabric8's mock API servers as the clusters
 * ({@link io.fedgate.cli.conformance.ConformanceFederation}); the mechanics are upstream's
 * ({@link io.fedgate.cli.conformance.TestDriver}): a fresh namespace per case on every cluster, the {@code hello}
 * Service exported on the first cluster, waits of 20 s polling every 100 ms, ensures of 5 s, and for two-cluster
 * cases the second export 1.1 s after the first one's ServiceImport appeared. Every MCS object goes through one
 * API version, {@link io.fedgate.cli.conformance.McsApi#VERSION}.
 *
 * <p>The simulated API servers allocate Service IPs and default Services as kube-apiserver does
 * ({@code io.fedgate.cli.local.ServiceAllocation}); the harness writes the EndpointSlices Kubernetes'
 * EndpointSlice controller keeps for the {@code hello} pod.
 *
 * <h2>Run</h2>
 * <ul>
 *   <li>{@code connectivity.go}: {@code McsConformanceConnectivityIT}, case 4 (Required), as its model: not exported,
 *       nothing of it is planned or written anywhere.</li>
 *   <li>{@code endpoint_slice.go}: {@code McsConformanceEndpointSliceIT}, case 9 (Optional).</li>
 *   <li>{@code service_import.go}: {@code McsConformanceServiceImportIT}, cases 13 to 27 (14 and 15 Optional, the
 *       rest Required).</li>
 * </ul>
 *
 * <h2>Not run, and why</h2>
 * <ul>
 *   <li>{@code clusterip_service_dns.go}, all Optional (DNS):
 *     <ol>
 *       <li>"A DNS lookup of the &lt;service&gt;.&lt;ns&gt;.svc.clusterset.local domain for a ClusterIP service
 *           should resolve to the clusterset IP"</li>
 *       <li>"A DNS SRV query of the &lt;service&gt;.&lt;ns&gt;.svc.clusterset.local domain for a ClusterIP service
 *           should return valid SRV records"</li>
 *       <li>"DNS lookups of the &lt;service&gt;.&lt;ns&gt;.svc.cluster.local domain for a ClusterIP service should
 *           only resolve local services"</li>
 *     </ol></li>
 *   <li>{@code headless_service_dns.go}, all Optional (DNS):
 *     <ol start="10">
 *       <li>"A DNS query of the &lt;service&gt;.&lt;ns&gt;.svc.clusterset.local domain for a headless service should
 *           return the ready endpoint addresses of all the backing pods"</li>
 *       <li>"A DNS query of the &lt;hostname&gt;.&lt;clusterid&gt;.&lt;service&gt;.&lt;ns&gt;.svc.clusterset.local
 *           domain for a headless StatefulSet service should return the requested pod's endpoint address"</li>
 *       <li>"A DNS SRV query of the &lt;service&gt;.&lt;ns&gt;.svc.clusterset.local domain for a headless service
 *           should return valid SRV records"</li>
 *     </ol>
 *     These six run {@code nslookup} in a request pod against CoreDNS with the multicluster plugin answering
 *     {@code clusterset.local}. CoreDNS cannot be installed on this machine or in CI, and the mock API servers run
 *     no pods to query from.</li>
 *   <li>{@code connectivity.go}, the Optional Connectivity cases:
 *     <ol start="5">
 *       <li>"Connectivity to an exported ClusterIP service should be accessible through DNS"</li>
 *       <li>"Connectivity to a ClusterIP service existing in two clusters but exported from one should only access
 *           the exporting cluster"</li>
 *       <li>"Connectivity to exported services with same port name but different port numbers on each cluster should
 *           only route traffic to the cluster that exposes the port"</li>
 *       <li>"Connectivity to exported services with different port name on each cluster should route traffic to
 *           each port only to the cluster that exposes it"</li>
 *     </ol>
 *     They send traffic with {@code nc} from a request pod to socat backend pods through the clusterset name: they
 *     need running pods, DNS and a data path (kube-proxy, CNI), none of which the mock API servers have.</li>
 * </ul>
 */
package io.fedgate.cli.conformance;
