/**
 * {@code fedgate demo}: a whole federation on this machine with fedgate's real components (an in-process hub
 * member, a real agent and two real gateways per cluster) and simulated clusters (fabric8's Kubernetes mock
 * server in CRUD mode, seeded from a topology file; demo backends on loopback addresses that answer with their
 * cluster's name), a client load from the consuming clusters, a live status table and a status page.
 */
package io.fedgate.cli.demo;
