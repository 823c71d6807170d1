package io.fedgate.gateway.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogContextTest {
    /** A part whose formatting is counted. */
    private static final class RecordingPart {
        int formatted;

        @Override
        public String toString() {
            formatted++;
            return "/10.0.0.1:5123";
        }
    }

    @Test
    void readsAsKeyValuePartsAfterTheBase() {
        LogContext context = LogContext.of("cluster=east import=bank/payments:8443").with("planVersion", 7L)
                .with("client", "/10.0.0.1:5123");
        assertThat(context).hasToString("cluster=east import=bank/payments:8443 planVersion=7 client=/10.0.0.1:5123");
    }

    @Test
    void formatsItsPartsOnlyWhenALineIsWritten() {
        RecordingPart client = new RecordingPart();
        LogContext context = LogContext.of("cluster=east").with("client", client).with("servedBy", "west");
        assertThat(client.formatted).isZero();
        assertThat(context.toString()).isEqualTo("cluster=east client=/10.0.0.1:5123 servedBy=west");
        assertThat(client.formatted).isEqualTo(1);
    }
}
