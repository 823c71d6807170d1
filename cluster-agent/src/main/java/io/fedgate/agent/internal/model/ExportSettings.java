package io.fedgate.agent.internal.model;

import io.fedgate.api.codec.WireNames;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The load-balancing settings a ServiceExport asks for through its annotations:
 * <ul>
 *   <li>{@value #WEIGHT}: traffic share under weighted load balancing, 0 to {@value #MAX_WEIGHT}
 *       (default {@value ExportedService#DEFAULT_WEIGHT});</li>
 *   <li>{@value #PRIORITY}: lower is preferred under failover, 0 to {@value #MAX_PRIORITY} (default 0);</li>
 *   <li>{@value #LOAD_BALANCING}: {@code local-first} (default), {@code weighted}, {@code priority-failover}
 *       or {@code least-latency};</li>
 *   <li>{@value #FAILOVER_ORDER}: cluster ids separated by commas, preferred in that order under
 *       {@code priority-failover}.</li>
 * </ul>
 * When exporters disagree on the policy, the oldest export's wins (the hub reports the conflict).
 */
public record ExportSettings(int weight, int priority, TrafficPolicy policy) {
    /** Annotation: weight. */
    public static final String WEIGHT = "fedgate.io/weight";
    /** Annotation: priority. */
    public static final String PRIORITY = "fedgate.io/priority";
    /** Annotation: load-balancing policy. */
    public static final String LOAD_BALANCING = "fedgate.io/load-balancing";
    /** Annotation: failover order. */
    public static final String FAILOVER_ORDER = "fedgate.io/failover-order";
    /** Largest weight. */
    public static final int MAX_WEIGHT = 1000;
    /** Largest priority. */
    public static final int MAX_PRIORITY = 1_000_000;

    private static final Pattern CLUSTER_ID = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_CLUSTER_ID_LENGTH = 63;

    /** What an export without annotations gets. */
    public static final ExportSettings DEFAULT = new ExportSettings(ExportedService.DEFAULT_WEIGHT, 0,
            TrafficPolicy.DEFAULT);

    /**
     * Reads the annotations of {@code export}.
     *
     * @param problems receives one message per bad annotation, naming the export, the annotation and its value
     * @return the settings, with defaults for what is absent or bad
     */
    public static ExportSettings read(ObjectKey export, Map<String, String> annotations, List<String> problems) {
        String where = "ServiceExport " + export + " annotation ";
        int weight = integer(annotations.get(WEIGHT), 0, MAX_WEIGHT, ExportedService.DEFAULT_WEIGHT,
                where + WEIGHT, problems);
        int priority = integer(annotations.get(PRIORITY), 0, MAX_PRIORITY, 0, where + PRIORITY, problems);
        LoadBalancing loadBalancing = LoadBalancing.LOCAL_FIRST;
        String lb = annotations.get(LOAD_BALANCING);
        if (lb != null) {
            LoadBalancing parsed = WireNames.parse(LoadBalancing.class, lb.trim());
            if (parsed == null) {
                problems.add(where + LOAD_BALANCING + ": \"" + lb + "\" is not one of "
                        + WireNames.allowed(LoadBalancing.class));
            } else {
                loadBalancing = parsed;
            }
        }
        List<String> order = new ArrayList<>();
        String failover = annotations.get(FAILOVER_ORDER);
        if (failover != null && !failover.isBlank()) {
            for (String id : Arrays.stream(failover.split(",")).map(String::trim).toList()) {
                if (id.length() > MAX_CLUSTER_ID_LENGTH || !CLUSTER_ID.matcher(id).matches()) {
                    problems.add(where + FAILOVER_ORDER + ": \"" + id + "\" in \"" + failover
                            + "\" is not a cluster id (an RFC 1123 DNS label)");
                } else {
                    order.add(id);
                }
            }
        }
        return new ExportSettings(weight, priority, new TrafficPolicy(loadBalancing, order));
    }

    private static int integer(String text, int min, int max, int absent, String where, List<String> problems) {
        if (text == null) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        problems.add(where + ": \"" + text + "\" is not an integer from " + min + " to " + max);
        return absent;
    }
}
