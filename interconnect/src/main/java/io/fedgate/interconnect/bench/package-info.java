/**
 * Benchmark core for {@code fedgate bench ic} (not a timed test): {@link io.fedgate.interconnect.bench.IcBenchmark}
 * applies a plan to a local OVN-IC stack with fedgate's reconciler and again by shelling out to
 * {@code ovn-ic-nbctl}/{@code ovn-nbctl} once per change (as Kube-OVN's controller does), and reports for each
 * the apply time, the time until every AZ has learned every expected route, and the rates, side by side.
 */
package io.fedgate.interconnect.bench;
