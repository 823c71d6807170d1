package io.fedgate.hub.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalTallyTest {
    private final List<String> records = new ArrayList<>();
    private final RefusalTally tally = tally(2);

    private RefusalTally tally(int maxSources) {
        return new RefusalTally((action, details) -> records.add(action + " " + details), maxSources,
                Duration.ofMinutes(1));
    }

    @Test
    void manyRefusalsFromOneSourceBecomeOneRecordWithTheirCounts() {
        for (int i = 0; i < 10_000; i++) {
            tally.count("join.refused", "198.18.0.1", i % 4 == 0 ? "401 unknown token" : "429 per-source rate");
        }

        assertThat(tally.flush()).isEqualTo(1);
        assertThat(records).containsExactly("join.refused 10000 refused from 198.18.0.1 within 60s: "
                + "401 unknown token x2500, 429 per-source rate x7500");
    }

    @Test
    void eachActionAndSourceGetsItsOwnRecordAndAFlushStartsAfresh() {
        RefusalTally tally = tally(10);
        tally.count("join.refused", "198.18.0.1", "413 body too large");
        tally.count("join.refused", "198.18.0.2", "413 body too large");
        tally.count("authn.failed", "198.18.0.1", "401 NO_CERTIFICATE");

        assertThat(tally.flush()).isEqualTo(3);
        assertThat(tally.flush()).as("nothing new").isZero();
        assertThat(records).hasSize(3).anyMatch(r -> r.startsWith("authn.failed 1 refused from 198.18.0.1"));
    }

    @Test
    void sourcesBeyondTheBoundAreCountedTogether() {
        for (int i = 0; i < 1000; i++) {
            tally.count("join.refused", "198.18.1." + i % 250, "429 global rate");
        }

        assertThat(tally.flush()).isEqualTo(3);
        assertThat(records).anyMatch(r -> r.startsWith("join.refused 992 refused from " + RefusalTally.OTHER_SOURCES));
    }

    @Test
    void closingAuditsWhatIsStillCounted() {
        tally.count("join.refused", "198.18.0.9", "503 busy");

        tally.close();

        assertThat(records).singleElement().asString().contains("198.18.0.9", "503 busy x1");
    }
}
