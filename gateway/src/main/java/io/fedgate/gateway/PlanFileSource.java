package io.fedgate.gateway;

import io.fedgate.api.codec.DocumentCodec;
import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.api.codec.InvalidDocumentException;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.gateway.spi.PlanListener;
import io.fedgate.gateway.spi.PlanSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plan read from a JSON file ({@code ClusterPlan}, decoded with {@link FederationCodecs#clusterPlan()}) and
 * read again whenever its content changes (polled; replacing the file atomically with a rename is the safe
 * way to update it). For hub-less set-ups and tests. An unreadable or invalid file is reported to the
 * listener once per distinct problem, and the last good plan stays in force.
 */
public final class PlanFileSource implements PlanSource {
    /** How often the file is checked for changes. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(PlanFileSource.class);

    private final Path file;
    private final Duration pollInterval;
    private final DocumentCodec<ClusterPlan> codec = FederationCodecs.clusterPlan();
    private final ScheduledExecutorService poller;
    private PlanListener listener;
    private byte[] lastContent;
    private String lastProblem;

    /** A source polling {@code file} every {@link #DEFAULT_POLL_INTERVAL}. */
    public PlanFileSource(Path file) {
        this(file, DEFAULT_POLL_INTERVAL);
    }

    public PlanFileSource(Path file, Duration pollInterval) {
        this.file = Objects.requireNonNull(file, "file");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval (" + pollInterval + ") must be positive");
        }
        this.pollInterval = pollInterval;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fedgate-plan-file");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized void start(PlanListener planListener) {
        if (listener != null) {
            throw new IllegalStateException("plan source " + describe() + " already started");
        }
        listener = Objects.requireNonNull(planListener, "planListener");
        poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private void poll() {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(codec.maxDocumentBytes() + 1);
        } catch (NoSuchFileException e) {
            problem("plan file " + file + " does not exist");
            return;
        } catch (IOException e) {
            problem("plan file " + file + " cannot be read: " + e);
            return;
        }
        if (Arrays.equals(content, lastContent)) {
            return;
        }
        ClusterPlan plan;
        try {
            plan = codec.decode(content);
        } catch (InvalidDocumentException e) {
            problem("plan file " + file + " is invalid: " + e.getMessage());
            return;
        }
        lastContent = content;
        lastProblem = null;
        try {
            listener.planUpdated(plan);
        } catch (RuntimeException e) {
            LOG.error("plan file={} cluster={} planVersion={}: listener failed to apply the plan", file,
                    plan.clusterId(), plan.version(), e);
        }
    }

    private void problem(String reason) {
        if (!reason.equals(lastProblem)) {
            lastProblem = reason;
            listener.planUnavailable(reason);
        }
    }
}
