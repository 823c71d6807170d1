package io.fedgate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.fedgate.hub.FederationHubMain;
import io.fedgate.hub.HubConfig;
import io.fedgate.hub.HubConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fedgate hub --config FILE}: runs one member of the federation hub until SIGTERM. See
 * {@link HubConfig} for the file; the Helm chart writes it to {@code /etc/fedgate/hub.yaml}.
 */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = {"Run one member of the federation hub: an embedded Hazelcast member, the mutual-TLS API and "
                + "the management port (/metrics, /healthz, /readyz). 1..N members with the same Hazelcast cluster "
                + "form one hub.",
            "On first start the member creates the CA (or loads ca.certFile/keyFile) and writes an admin credential "
                + "to <dataDir>/admin for `fedgate ctl --cert-dir <dataDir>/admin`.",
            "Exit codes: 0 stopped by a signal, 1 failed to start, 2 bad config."})
public final class HubCommand implements Callable<Integer> {
    private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The hub's YAML config file.")
    Path config;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "Log level of fedgate's own loggers: trace, debug, info, warn or error (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Override
    public Integer call() {
        applyLogLevel(logLevel);
        HubConfig hubConfig;
        try {
            hubConfig = HubConfig.load(config);
        } catch (HubConfigException e) {
            throw new UserInputException("--config " + e.getMessage());
        }
        FederationHubMain.runUntilStopped(hubConfig);
        return 0;
    }

    /** Sets the level of the {@code io.fedgate} loggers. */
    public static void applyLogLevel(String level) {
        String normalized = level.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(normalized)) {
            throw new UserInputException("--log-level \"" + level + "\" is not one of " + String.join(", ", LEVELS));
        }
        if (LoggerFactory.getLogger("io.fedgate") instanceof Logger logback) {
            logback.setLevel(Level.toLevel(normalized));
        }
    }
}
