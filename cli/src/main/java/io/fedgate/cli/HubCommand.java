package io.fedgate.cli;

import io.fedgate.hub.FederationHubMain;
import io.fedgate.hub.HubConfig;
import io.fedgate.hub.HubConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The hub's YAML config file.")
    Path config;

    @Option(names = "--management-host", paramLabel = "ADDRESS",
            description = "Address the plain-HTTP management port binds, overriding management.host of the config "
                    + "(default there: " + HubConfig.DEFAULT_MANAGEMENT_HOST + "; the chart passes the pod's IP). "
                    + "0.0.0.0 binds every interface.")
    String managementHost;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "Log level of fedgate's own loggers: trace, debug, info, warn or error (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Override
    public Integer call() {
        LogLevels.apply(logLevel);
        HubConfig hubConfig;
        try {
            hubConfig = HubConfig.load(config);
        } catch (HubConfigException e) {
            throw new UserInputException("--config " + e.getMessage());
        }
        if (managementHost != null) {
            try {
                hubConfig = hubConfig.withManagementHost(managementHost);
            } catch (HubConfigException e) {
                throw new UserInputException("--management-host " + e.getMessage());
            }
        }
        try {
            FederationHubMain.runUntilStopped(hubConfig);
        } catch (HubConfigException e) {
            throw new UserInputException("--config " + config + ": " + e.getMessage());
        }
        return 0;
    }

}
