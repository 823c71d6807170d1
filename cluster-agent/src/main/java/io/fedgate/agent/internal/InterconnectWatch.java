package io.fedgate.agent.internal;

import io.fedgate.agent.internal.kube.IcControllerProbe;
import io.fedgate.agent.internal.model.IcConfig;
import io.fedgate.agent.internal.model.InterconnectReport;
import io.fedgate.agent.spi.InterconnectDatabases;
import io.fedgate.agent.spi.InterconnectMonitor;
import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.InterconnectState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at interconnection every interval on its own thread (a database that does not answer must not hold
 * up the agent's thread): reads {@code ovn-ic-config}, in fedgate mode whether Kube-OVN's ic-controller is
 * active, and what the {@link InterconnectMonitor} observes; hands the first {@link InterconnectReport} over,
 * then each that differs from the last one, so an unchanged state sends nothing to the hub.
 */
final class InterconnectWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InterconnectWatch.class);

    private final String clusterId;
    private final InterconnectMode mode;
    private final Duration interval;
    private final Supplier<Map<String, String>> icConfigData;
    private final IcControllerProbe controller;
    private final InterconnectMonitor monitor;
    private final Consumer<InterconnectReport> changed;
    private final ExecutorTaskScheduler thread;
    private final AgentMetrics metrics;
    /** Null until the first look. */
    private InterconnectReport last;

    /**
     * @param icConfigData the ConfigMap's data as the informer holds it, null when absent
     * @param changed      receives each new report, on this watch's thread
     */
    InterconnectWatch(String clusterId, InterconnectMode mode, Duration interval,
                      Supplier<Map<String, String>> icConfigData, IcControllerProbe controller,
                      InterconnectMonitor monitor, AgentMetrics metrics, Consumer<InterconnectReport> changed) {
        this.clusterId = clusterId;
        this.mode = mode;
        this.interval = interval;
        this.icConfigData = icConfigData;
        this.controller = controller;
        this.monitor = monitor;
        this.changed = changed;
        this.metrics = metrics;
        metrics.interconnectWatched();
        this.thread = new ExecutorTaskScheduler(clusterId, "fedgate-interconnect-");
    }

    /** Takes the first look now, then one every interval. */
    void start() {
        thread.execute(this::look);
    }

    private void look() {
        Map<String, String> data = icConfigData.get();
        IcConfig ic = IcConfig.parse(data);
        String controllerActive = mode == InterconnectMode.FEDGATE && ic.enabled() ? controller.activeReason() : null;
        boolean observing = monitor != InterconnectMonitor.NONE;
        InterconnectState observed = observing && ic.enabled() ? observe(ic) : null;
        InterconnectReport report = InterconnectReport.of(mode, data != null, ic, controllerActive, observed, observing);
        metrics.interconnectLooked(report);
        if (!report.equals(last)) {
            logChange(report);
            last = report;
            changed.accept(report);
        }
        thread.schedule(this::look, interval);
    }

    private InterconnectState observe(IcConfig ic) {
        InterconnectDatabases databases = ic.icDbHost() == null ? null
                : new InterconnectDatabases(ic.icDbHost(), ic.icNbPort(), ic.icSbPort());
        try {
            return monitor.observe(ic.azName(), databases);
        } catch (RuntimeException e) {
            return new InterconnectState(mode, false, false, List.of(), List.of("AZ " + ic.azName()
                    + ": interconnection could not be observed: " + e));
        }
    }

    private void logChange(InterconnectReport report) {
        String lastRefusal = last == null ? null : last.refusal();
        if (report.refusal() != null && !report.refusal().equals(lastRefusal)) {
            LOG.error("cluster {}: {}", clusterId, report.refusal());
        } else if (report.refusal() == null && lastRefusal != null) {
            LOG.info("cluster {}: Kube-OVN's ic-controller is no longer active; fedgate mode programs the AZ again",
                    clusterId);
        }
        InterconnectState s = report.state();
        if (s != null) {
            LOG.info("cluster {}: interconnection now: ovn-ic {}, AZ {}registered in IC-SB, {} prefixes learned{}",
                    clusterId, s.daemonActive() ? "active" : "not active", s.registered() ? "" : "not ",
                    s.learnedPrefixes().size(), s.problems().isEmpty() ? "" : "; problems: "
                            + String.join("; ", s.problems()));
        }
    }

    @Override
    public void close() {
        thread.close();
    }
}
