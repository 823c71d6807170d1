package io.fedgate.cli.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads samples out of Prometheus text exposition (what every fedgate component serves on /metrics). */
final class PrometheusText {
    private PrometheusText() {
    }

    /** One sample: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** The samples of metric {@code name} (exact name, e.g. {@code fedgate_tunnel_up}) in {@code text}. */
    static List<Sample> samples(String text, String name) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String metric = brace > 0 ? line.substring(0, brace) : line.substring(0, Math.max(0, space));
            if (!metric.equals(name) || space < 0) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace > 0) {
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                for (String pair : body.split(",(?=[a-zA-Z_]+=\")")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
                    }
                }
            }
            try {
                samples.add(new Sample(metric, labels, Double.parseDouble(line.substring(space + 1))));
            } catch (NumberFormatException e) {
                // a value like NaN written otherwise, or a timestamp column: not a sample the demo reads
            }
        }
        return samples;
    }
}
