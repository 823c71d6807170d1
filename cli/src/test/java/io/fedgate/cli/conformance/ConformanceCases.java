package io.fedgate.cli.conformance;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle every conformance class shares, as upstream's suite has it: one federation (hub, east, west) per
 * class, and per case a {@link TestDriver} with a fresh namespace on every cluster, deleted after the case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConformanceCases {
    /** The class's hub and clusters. */
    protected ConformanceFederation federation;
    /** The current case's driver (upstream's {@code t}). */
    protected TestDriver t;

    @BeforeAll
    void federation(@TempDir Path workDir) throws IOException {
        federation = ConformanceFederation.start(workDir);
    }

    @AfterAll
    void stop() {
        if (federation != null) {
            federation.close();
        }
    }

    @BeforeEach
    void namespace() {
        t = new TestDriver(federation);
    }

    @AfterEach
    void deleteNamespace() {
        t.deleteNamespace();
    }
}
