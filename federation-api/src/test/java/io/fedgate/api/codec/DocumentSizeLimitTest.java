package io.fedgate.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fedgate.api.model.ClusterInventory;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class DocumentSizeLimitTest {

    /** A JSON document of {@code size} bytes made up as it is read: {"clusterId":"xxxx...."}. */
    static final class GeneratedDocument extends InputStream {
        private static final byte[] HEAD = "{\"clusterId\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private final long size;
        private long produced;

        GeneratedDocument(long size) {
            this.size = size;
        }

        long produced() {
            return produced;
        }

        @Override
        public int read() {
            if (produced >= size) {
                return -1;
            }
            long at = produced++;
            if (at < HEAD.length) {
                return HEAD[(int) at];
            }
            return at == size - 2 ? '"' : at == size - 1 ? '}' : 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (produced >= size) {
                return -1;
            }
            int count = (int) Math.min(length, size - produced);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = (byte) read();
            }
            return count;
        }
    }

    @Test
    void fiftyMegabyteStreamIsRefusedBySizeWithoutReadingPastTheLimit() {
        GeneratedDocument fiftyMegabytes = new GeneratedDocument(50L * 1024 * 1024);
        DocumentCodec<ClusterInventory> codec = FederationCodecs.clusterInventory();

        InvalidDocumentException error = catchThrowableOfType(InvalidDocumentException.class,
                () -> codec.decode(fiftyMegabytes));

        assertThat(error.problems()).singleElement().hasToString("document is larger than 16777216 bytes");
        assertThat(fiftyMegabytes.produced()).isEqualTo(DocumentCodec.DEFAULT_MAX_DOCUMENT_BYTES + 1L);
    }

    @Test
    void theLimitIsConfigurablePerCodec() {
        DocumentCodec<ClusterInventory> small = FederationCodecs.clusterInventory().withMaxDocumentBytes(1024);
        GeneratedDocument twoKilobytes = new GeneratedDocument(2048);

        assertThatThrownBy(() -> small.decode(twoKilobytes))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("document is larger than 1024 bytes");
        assertThat(twoKilobytes.produced()).isEqualTo(1025);
        assertThatThrownBy(() -> small.decode(new byte[1025]))
                .hasMessageContaining("document is larger than 1024 bytes");
    }

    @Test
    void aDocumentExactlyAtTheLimitIsParsed() {
        DocumentCodec<ClusterInventory> small = FederationCodecs.clusterInventory().withMaxDocumentBytes(100);

        // within the limit, so it reaches validation: the cluster id of 84 x's is not a label
        assertThatThrownBy(() -> small.decode(new GeneratedDocument(100)))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("clusterId: \"xxxx")
                .hasMessageContaining("is not a DNS-1123 label (84 characters > 63)");
    }

    @Test
    void nonsensicalLimitsAreRefusedAtConstruction() {
        assertThatThrownBy(() -> FederationCodecs.clusterInventory().withMaxDocumentBytes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDocumentBytes (0) must be in 1..2147483646");
    }
}
