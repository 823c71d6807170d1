package io.fedgate.hubclient;

import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.TlsMaterial;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a component's hub certificate fresh: when the {@link RotationPolicy} says the certificate is due, it asks
 * the hub for a new one ({@link HubClient#renew}, authenticated by the current certificate, a fresh key), saves it
 * to the cert directory, and hands a client presenting it to the listener; the previous client is closed after
 * the listener returns. A failed renewal is logged at WARN with its reason, told to the listener (the gateway
 * counts it in a metric) and retried with {@link RenewalBackoff}, so a hub outage shorter than the remaining lifetime costs
 * nothing. The agent and the gateway both renew through this class.
 *
 * <p>Why a new client rather than new key material in the old one: the hub checks the certificate of a connection
 * on every request, and an HTTP/2 connection that handshook with the old certificate would outlive it; a new
 * client opens new connections with the new certificate.
 */
public final class CertificateRenewal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateRenewal.class);

    private final Path certDir;
    private final RotationPolicy policy;
    private final Clock clock;
    private final Listener listener;
    private final RenewalBackoff backoff;
    private final ScheduledExecutorService timer;
    private int consecutiveFailures;
    private volatile HubClient client;
    private volatile TlsMaterial material;
    private volatile boolean closed;

    /** What a renewal tells its owner, on the renewal thread. */
    public interface Listener {
        /**
         * A new certificate is saved and {@code client} presents it; the listener must stop using the previous
         * client, which is closed when this returns.
         */
        void renewed(HubClient client, TlsMaterial material);

        /** A renewal failed (already logged); the next try is in {@code retryIn}. */
        default void failed(RuntimeException cause, Duration retryIn) {
        }
    }

    /**
     * A renewal that only hands over new clients.
     *
     * @param renewed told each new client, on the renewal thread; it must stop using the previous one
     * @see #CertificateRenewal(HubClient, TlsMaterial, Path, RotationPolicy, RenewalBackoff, Clock, Listener)
     */
    public CertificateRenewal(HubClient client, TlsMaterial material, Path certDir, RotationPolicy policy,
                              Clock clock, Consumer<HubClient> renewed) {
        this(client, material, certDir, policy, RenewalBackoff.DEFAULT, clock,
                (next, fresh) -> renewed.accept(next));
        Objects.requireNonNull(renewed, "renewed");
    }

    /**
     * @param client   a client presenting {@code material}; owned from now on (closed when replaced or by
     *                 {@link #close()})
     * @param material the certificate {@code client} presents, as saved in {@code certDir}
     * @param certDir  where the renewed key, certificate and CA are saved (the {@code --cert-dir})
     * @param backoff  pauses between failed tries
     * @param listener told each renewal and each failure
     */
    public CertificateRenewal(HubClient client, TlsMaterial material, Path certDir, RotationPolicy policy,
                              RenewalBackoff backoff, Clock clock, Listener listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.material = Objects.requireNonNull(material, "material");
        this.certDir = Objects.requireNonNull(certDir, "certDir");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        SpiffeId identity = material.identity();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fedgate-certificate-renewal " + identity);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Schedules the first renewal; returns at once. */
    public CertificateRenewal start() {
        scheduleNext();
        return this;
    }

    /** The client presenting the newest certificate. */
    public HubClient client() {
        return client;
    }

    /** The newest certificate's material. */
    public TlsMaterial material() {
        return material;
    }

    private void scheduleNext() {
        Duration wait = policy.untilRenewal(material.certificate(), clock);
        LOG.info("{}: certificate expires {}; renewing it in {}", material.identity(),
                material.certificate().getNotAfter().toInstant(), wait);
        schedule(wait);
    }

    private void schedule(Duration wait) {
        if (!closed) {
            timer.schedule(this::renew, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void renew() {
        if (closed) {
            return;
        }
        HubClient previous = client;
        TlsMaterial fresh;
        HubClient next;
        try {
            fresh = previous.renew(certDir);
            next = previous.withIdentity(fresh);
        } catch (RuntimeException e) {
            retryAfter(e);
            return;
        }
        material = fresh;
        client = next;
        consecutiveFailures = 0;
        LOG.info("{}: renewed the certificate (serial {}, expires {}), saved to {}", fresh.identity(),
                fresh.certificate().getSerialNumber().toString(16), fresh.certificate().getNotAfter().toInstant(),
                certDir);
        try {
            listener.renewed(next, fresh);
        } catch (RuntimeException e) {
            // the renewal itself succeeded (saved, and the client moved): a failing listener must not make it
            // look failed, which would request yet another certificate a second later
            LOG.error("{}: a listener failed to take up the renewed certificate (serial {})", fresh.identity(),
                    fresh.certificate().getSerialNumber().toString(16), e);
        } finally {
            previous.close();
            scheduleNext();
        }
    }

    private void retryAfter(RuntimeException e) {
        // whatever failed (hub unreachable, refused, an unreadable answer, a cert dir not writable), the
        // certificate in use stays valid until notAfter: try again rather than stop renewing
        consecutiveFailures++;
        Instant notAfter = material.certificate().getNotAfter().toInstant();
        Duration retry = backoff.next(consecutiveFailures, Duration.between(clock.instant(), notAfter));
        LOG.warn("{}: renewing the certificate (serial {}, expires {}) failed ({} in a row): {}; trying again "
                + "in {}", material.identity(), material.certificate().getSerialNumber().toString(16), notAfter,
                consecutiveFailures, e.getMessage(), retry);
        try {
            listener.failed(e, retry);
        } finally {
            schedule(retry);
        }
    }

    /** Stops renewing and closes the current client. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            // a renewal under way may still move to a new client: close the one it leaves
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
