package io.fedgate.cli.demo;

import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link DemoStatus} as the text table the demo prints. */
final class StatusTable {
    private StatusTable() {
    }

    static String render(DemoStatus s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("── fedgate demo, t=%ds ─────────────────────────────────────────────────────────%n",
                s.elapsedSeconds()));
        b.append(String.format("%-8s %-10s %-18s %-8s %-6s %5s %7s %4s%n", "CLUSTER", "REGION", "NETWORK", "WORKLOAD",
                "LEASE", "PLAN", "EXPORTS", "GWS"));
        for (DemoStatus.ClusterRow c : s.clusters()) {
            b.append(String.format("%-8s %-10s %-18s %-8s %-6s %5d %7d %4d%n", c.id(), c.region(), c.network(),
                    c.running() ? "running" : "KILLED", c.leaseLive() ? "live" : "EXPIRED", c.planVersion(),
                    c.exports(), c.gateways()));
        }
        b.append(String.format("%-20s %-8s %s%n", "TUNNEL", "UP", "RTT"));
        for (DemoStatus.TunnelRow t : s.tunnels()) {
            b.append(String.format("%-20s %-8s %s%n", t.from() + " -> " + t.to(), t.up() + "/" + t.total(),
                    t.up() > 0 ? String.format("%.2f ms", t.rttMillis()) : "-"));
        }
        b.append(String.format("%-26s %-18s %-28s %s%n", "IMPORT (consumer)", "POLICY", "PATHS",
                "TRAFFIC last 5 s (total)"));
        for (DemoStatus.ImportRow i : s.imports()) {
            long sum = i.split().entrySet().stream().filter(e -> !e.getKey().isEmpty()).mapToLong(Map.Entry::getValue)
                    .sum();
            String split = i.paths().keySet().stream().map(c -> {
                long n = i.split().getOrDefault(c, 0L);
                return String.format("%s %3.0f%%", c, sum == 0 ? 0.0 : 100.0 * n / sum);
            }).collect(Collectors.joining("  "));
            String paths = i.paths().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(" "));
            b.append(String.format("%-26s %-18s %-28s %s  (%d ok, %d failed)%n", i.service() + " (" + i.consumer()
                    + ")", i.policy(), paths, split, i.totals().values().stream().mapToLong(Long::longValue).sum(),
                    i.failures()));
        }
        if (!s.ovn().isEmpty()) {
            b.append("OVN-IC: ").append(String.join("; ", s.ovn())).append(System.lineSeparator());
        }
        int from = Math.max(0, s.events().size() - 5);
        for (String event : s.events().subList(from, s.events().size())) {
            b.append("  * ").append(event).append(System.lineSeparator());
        }
        return b.toString();
    }
}
