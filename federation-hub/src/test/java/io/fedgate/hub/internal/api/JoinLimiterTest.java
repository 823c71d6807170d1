package io.fedgate.hub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.hub.HubConfig;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JoinLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);

    private JoinLimiter limiter(int perSecond, int burst, int globalPerSecond, int globalBurst, int sources) {
        return new JoinLimiter(new HubConfig.Rate(perSecond, burst), new HubConfig.Rate(globalPerSecond, globalBurst),
                sources, now::get);
    }

    private static int allowed(JoinLimiter limiter, String source, int attempts) {
        int allowed = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.acquire(source).allowed()) {
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void sourceGetsItsBurstThenIsRefusedWithRetryAfter() {
        JoinLimiter limiter = limiter(2, 5, 1000, 1000, 16);

        assertThat(allowed(limiter, "198.18.0.1", 5)).isEqualTo(5);
        JoinLimiter.Verdict refused = limiter.acquire("198.18.0.1");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo("per-source rate");
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void bucketRefillsAtItsRateAndNeverAboveItsBurst() {
        JoinLimiter limiter = limiter(2, 5, 1000, 1000, 16);
        allowed(limiter, "a", 5);

        now.addAndGet(SECOND);
        assertThat(allowed(limiter, "a", 10)).as("one second refills two").isEqualTo(2);
        now.addAndGet(3600 * SECOND);
        assertThat(allowed(limiter, "a", 10)).as("an hour refills only the burst").isEqualTo(5);
    }

    @Test
    void slowRateAsksToRetryAfterTheTimeOneTokenTakes() {
        JoinLimiter limiter = limiter(1, 1, 1000, 1000, 16);
        limiter.acquire("a");
        now.addAndGet(SECOND / 4);

        assertThat(limiter.acquire("a").retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void globalBucketBoundsAllSourcesTogether() {
        JoinLimiter limiter = limiter(10, 10, 1, 3, 1000);

        assertThat(allowed(limiter, "a", 2) + allowed(limiter, "b", 2) + allowed(limiter, "c", 2)).isEqualTo(3);
        JoinLimiter.Verdict refused = limiter.acquire("d");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo("global rate");
    }

    @Test
    void sourceRefusedByItsOwnLimitDoesNotDrainTheGlobalBucket() {
        JoinLimiter limiter = limiter(1, 1, 1, 2, 16);
        limiter.acquire("greedy");

        assertThat(allowed(limiter, "greedy", 100)).isZero();
        assertThat(limiter.acquire("other").allowed()).as("the global bucket still has one").isTrue();
    }

    @Test
    void manySourcesCannotGrowTheLimiterBeyondTrackedSources() {
        JoinLimiter limiter = limiter(1, 1, 1_000_000, 1_000_000, 16);

        for (int i = 0; i < 10_000; i++) {
            limiter.acquire("198.18." + (i / 256) + "." + (i % 256));
        }

        assertThat(limiter.trackedSources()).isEqualTo(16);
    }

    @Test
    void recentlySeenSourceKeepsItsBucketWhileTheLeastRecentIsForgotten() {
        JoinLimiter limiter = limiter(1, 1, 1000, 1000, 2);
        limiter.acquire("old");
        limiter.acquire("busy");
        limiter.acquire("busy");
        limiter.acquire("new");

        assertThat(limiter.acquire("busy").allowed()).as("busy was seen recently: still empty").isFalse();
        assertThat(limiter.acquire("old").allowed()).as("old was forgotten: a new, full bucket").isTrue();
    }
}
