package io.fedgate.cli.demo;

import java.util.List;
import java.util.Map;

/**
 * What the demo shows at one moment: the status table prints it and the status page draws it (as JSON).
 *
 * @param elapsedSeconds seconds since the federation started
 * @param clusters       every cluster with its lease state
 * @param tunnels        gateway tunnels, per cluster pair
 * @param imports        per consuming cluster and imported service: paths and where the traffic went
 * @param events         failovers and chaos steps, oldest first
 * @param ovn            what the OVN-IC stack shows (transit switches, learned routes), or a reason it is absent
 */
record DemoStatus(long elapsedSeconds, List<ClusterRow> clusters, List<TunnelRow> tunnels, List<ImportRow> imports,
                  List<String> events, List<String> ovn) {

    /** A cluster: where it is, whether its workload runs, and whether its lease on the hub is live. */
    record ClusterRow(String id, String region, String network, boolean running, boolean leaseLive,
                      long planVersion, int exports, int gateways) {
    }

    /** The tunnels from {@code from}'s gateways to {@code to}'s: how many are up and the mean RTT. */
    record TunnelRow(String from, String to, int up, int total, double rttMillis) {
    }

    /**
     * One import as seen from one consuming cluster.
     *
     * @param paths     data path per source cluster (gateway, routed, direct), from the consumer's plan
     * @param split     answers per serving cluster in the last few seconds
     * @param totals    answers per serving cluster since the start
     * @param expected  the share per serving cluster the policy asks for (0..1), healthy clusters only
     */
    record ImportRow(String consumer, String service, String policy, Map<String, String> paths,
                     Map<String, Long> split, Map<String, Long> totals, long failures, Map<String, Double> expected) {
    }
}
