package io.fedgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.api.model.ClusterPlan;
import io.fedgate.gateway.spi.PlanListener;
import io.fedgate.gateway.testing.Plans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileSourceTest {
    @TempDir
    Path dir;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final PlanListener recording = new PlanListener() {
        @Override
        public void planUpdated(ClusterPlan plan) {
            received.add("plan " + plan.clusterId() + " v" + plan.version());
        }

        @Override
        public void planUnavailable(String reason) {
            received.add("unavailable " + reason);
        }
    };

    @Test
    void deliversThePlanAndEveryChangeButNotTheSameContentTwice() throws Exception {
        Path file = dir.resolve("plan.json");
        Plans.write(file, Plans.plan("east", 1, List.of(), List.of()));
        try (PlanFileSource source = new PlanFileSource(file, Duration.ofMillis(20))) {
            source.start(recording);
            await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("plan east v1"));
            Thread.sleep(100);
            Plans.write(file, Plans.plan("east", 2, List.of(), List.of()));
            await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("plan east v2"));
            assertThat(received).containsExactly("plan east v1", "plan east v2");
        }
    }

    @Test
    void missingOrInvalidFileIsReportedOnceAndTheLastGoodPlanStays() throws Exception {
        Path file = dir.resolve("plan.json");
        try (PlanFileSource source = new PlanFileSource(file, Duration.ofMillis(20))) {
            source.start(recording);
            await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
            Thread.sleep(100);
            assertThat(received).containsExactly("unavailable plan file " + file + " does not exist");
            // replaced atomically, as PlanFileSource documents: a plain write can be polled half-written (empty)
            Path staged = dir.resolve("plan.json.tmp");
            Files.writeString(staged, "{\"clusterId\": \"east\", \"version\": -1}");
            Files.move(staged, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
            assertThat(received.get(1)).startsWith("unavailable plan file " + file + " is invalid: ")
                    .contains("version");
        }
        assertThat(received).noneMatch(line -> line.startsWith("plan "));
    }
}
