package io.fedgate.hub;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one hub member until the JVM is told to stop: {@code FederationHubMain --config FILE}. The
 * {@code fedgate hub} command does the same through {@link #runUntilStopped}; this entry point exists so
 * tests can start members as separate processes from the hub module's classpath alone.
 */
public final class FederationHubMain {
    private static final Logger LOG = LoggerFactory.getLogger(FederationHubMain.class);

    private FederationHubMain() {
    }

    /** {@code --config FILE}; exit code 2 for a bad config (or sealing key file), 1 for a start-up failure. */
    public static void main(String[] args) {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: FederationHubMain --config FILE");
            System.exit(2);
        }
        HubConfig config;
        try {
            config = HubConfig.load(Path.of(args[1]));
        } catch (HubConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            runUntilStopped(config);
        } catch (HubConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (HubStartupException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Starts a member and blocks until the JVM shuts down (SIGTERM, Ctrl-C), then stops it: the API first,
     * then planning, then a graceful leave of the Hazelcast cluster.
     *
     * @throws HubConfigException when the sealing key file is missing or unusable
     * @throws HubStartupException when the member cannot start
     */
    public static void runUntilStopped(HubConfig config) {
        FederationHub hub = FederationHub.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping hub member (API port {})", hub.apiPort());
            hub.close();
            stopped.countDown();
        }, "fedgate-hub-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
