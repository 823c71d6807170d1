package io.fedgate.hub.internal.api;

import io.fedgate.hub.HubConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Rate limits of the anonymous join route: a token bucket per source address and one over all sources.
 * A request takes one token from both or from neither, so a refused source does not drain the global bucket.
 *
 * <p>The per-source buckets live in a map of at most {@code trackedSources} entries, least recently seen
 * forgotten first: many sources cannot grow the limiter itself, and a forgotten source that returns starts
 * with a full bucket, which the global bucket still bounds. Thread-safe (the API's event loops share one).
 */
final class JoinLimiter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final HubConfig.Rate perSource;
    private final Bucket global;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> sources;

    /**
     * @param nanoTime a monotonic clock ({@code System::nanoTime})
     */
    JoinLimiter(HubConfig.Rate perSource, HubConfig.Rate global, int trackedSources, LongSupplier nanoTime) {
        this.perSource = perSource;
        this.nanoTime = nanoTime;
        this.global = new Bucket(global, nanoTime.getAsLong());
        this.sources = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > trackedSources;
            }
        };
    }

    /** What the limiter decided for one request. */
    record Verdict(boolean allowed, String limit, long retryAfterSeconds) {
        static final Verdict ALLOWED = new Verdict(true, null, 0);
    }

    /** Takes a token for a request from {@code source}, or says which limit refuses it and when to retry. */
    synchronized Verdict acquire(String source) {
        long now = nanoTime.getAsLong();
        Bucket own = sources.computeIfAbsent(source, s -> new Bucket(perSource, now));
        own.refill(now);
        global.refill(now);
        if (own.tokens < 1) {
            return new Verdict(false, "per-source rate", own.secondsUntilToken());
        }
        if (global.tokens < 1) {
            return new Verdict(false, "global rate", global.secondsUntilToken());
        }
        own.tokens -= 1;
        global.tokens -= 1;
        return Verdict.ALLOWED;
    }

    /** How many sources have a bucket now (bounded by {@code trackedSources}). */
    synchronized int trackedSources() {
        return sources.size();
    }

    /** Tokens as a fraction, refilled lazily from the time of the last refill. */
    private static final class Bucket {
        private final HubConfig.Rate rate;
        private double tokens;
        private long refilledAt;

        Bucket(HubConfig.Rate rate, long now) {
            this.rate = rate;
            this.tokens = rate.burst();
            this.refilledAt = now;
        }

        void refill(long now) {
            long elapsed = now - refilledAt;
            if (elapsed > 0) {
                tokens = Math.min(rate.burst(), tokens + (double) elapsed * rate.ratePerSecond() / NANOS_PER_SECOND);
                refilledAt = now;
            }
        }

        long secondsUntilToken() {
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate.ratePerSecond()));
        }
    }
}
