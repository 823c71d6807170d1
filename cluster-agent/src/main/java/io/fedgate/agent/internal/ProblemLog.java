package io.fedgate.agent.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs problems found in observed objects once when they appear and once when they are gone, instead of on
 * every sync. Used from the agent's thread only.
 */
final class ProblemLog {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemLog.class);

    private final String clusterId;
    private final String topic;
    private Set<String> current = Set.of();

    ProblemLog(String clusterId, String topic) {
        this.clusterId = clusterId;
        this.topic = topic;
    }

    /** The problems seen now; each one new since the last call is logged as a warning. */
    void report(Collection<String> problems) {
        Set<String> now = new LinkedHashSet<>(problems);
        for (String problem : now) {
            if (!current.contains(problem)) {
                LOG.warn("cluster {}: {}: {}", clusterId, topic, problem);
            }
        }
        if (now.isEmpty() && !current.isEmpty()) {
            LOG.info("cluster {}: {}: problems resolved", clusterId, topic);
        }
        current = now;
    }
}
